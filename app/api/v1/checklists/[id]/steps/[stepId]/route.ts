import { route, uuidParam } from '@/lib/api/route';
import { stepChangeSchema } from '@/lib/runbooks/api-schemas';
import { changeStep } from '@/lib/runbooks/runs';

export const PATCH = route({ role: 'responder', body: stepChangeSchema }, async ({ params, body, actor, ip }) => ({
  run: await changeStep(uuidParam(params.id, 'Checklist run'), params.stepId, body, actor, ip),
}));
