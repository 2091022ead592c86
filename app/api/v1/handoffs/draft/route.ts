import { route } from '@/lib/api/route';
import { draftSchema } from '@/lib/handoffs/schemas';
import { draftHandoff } from '@/lib/handoffs/draft';

// Drafts a note from the current state; nothing is saved until POST /api/v1/handoffs.
export const POST = route({ role: 'responder', body: draftSchema }, async ({ body }) => ({ draft: await draftHandoff(body) }));
