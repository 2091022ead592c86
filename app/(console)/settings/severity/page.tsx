import type { Metadata } from 'next';
import { requireActor } from '@/lib/auth/session';
import { SeverityPolicyEditor } from '@/components/settings/SeverityPolicyEditor';

export const metadata: Metadata = { title: 'Severity policy' };

export default async function SeverityPolicyPage() {
  const actor = await requireActor();
  return <SeverityPolicyEditor canEdit={actor.role === 'admin'} />;
}
