import { route } from '@/lib/api/route';
import { severityPolicySchema } from '@/lib/incidents/policy';
import { policyWithUpdatedAt, updatePolicy } from '@/lib/incidents/severity-policy';

export const GET = route({ role: 'viewer' }, async () => ({ levels: await policyWithUpdatedAt() }));

export const PUT = route({ role: 'admin', body: severityPolicySchema }, async ({ body, actor, ip }) => ({
  levels: await updatePolicy(body, actor, ip),
}));
