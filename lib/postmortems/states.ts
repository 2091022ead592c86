// The postmortem's review states and who may move it. Pure; shared by API and UI.
import { hasRole, type Role } from '@/lib/auth/roles';

export const POSTMORTEM_STATUSES = ['draft', 'in_review', 'approved'] as const;
export type PostmortemStatus = (typeof POSTMORTEM_STATUSES)[number];

export const POSTMORTEM_STATUS_LABELS: Record<PostmortemStatus, string> = { draft: 'Draft', in_review: 'In review', approved: 'Approved' };

export const ACTION_ITEM_STATUSES = ['open', 'in_progress', 'done', 'wont_do'] as const;
export type ActionItemStatus = (typeof ACTION_ITEM_STATUSES)[number];
export const ACTION_ITEM_STATUS_LABELS: Record<ActionItemStatus, string> = { open: 'Open', in_progress: 'In progress', done: 'Done', wont_do: "Won't do" };
export const isClosedItem = (s: ActionItemStatus) => s === 'done' || s === 'wont_do';

/** The blameless sections people write, in reading order. */
export const SECTIONS = [
  { key: 'summary', label: 'Summary', hint: 'What happened, in two or three sentences a newcomer understands.' },
  { key: 'rootCause', label: 'Root cause', hint: 'The condition in the system that made this possible, not a person.' },
  { key: 'contributingFactors', label: 'Contributing factors', hint: 'What made it worse, longer, or harder to see.' },
  { key: 'wentWell', label: 'What went well', hint: 'Keep doing these.' },
  { key: 'wentBadly', label: 'What went badly', hint: 'Where the response lost time.' },
  { key: 'gotLucky', label: 'Where we got lucky', hint: 'What would have made it much worse had it been otherwise.' },
  { key: 'lessons', label: 'Lessons', hint: 'What we now know; the action items follow from here.' },
] as const;
export type SectionKey = (typeof SECTIONS)[number]['key'];
export const SECTION_KEYS = SECTIONS.map((s) => s.key) as [SectionKey, ...SectionKey[]];
export const COMMENT_SECTIONS = [...SECTION_KEYS, 'general'] as const;

export type Transition = 'submit' | 'approve' | 'reopen';

const MOVES: Record<Transition, { from: PostmortemStatus[]; to: PostmortemStatus; role: Role; label: string }> = {
  submit: { from: ['draft'], to: 'in_review', role: 'commander', label: 'Submit for review' },
  approve: { from: ['in_review'], to: 'approved', role: 'commander', label: 'Approve' },
  reopen: { from: ['in_review', 'approved'], to: 'draft', role: 'commander', label: 'Back to draft' },
};

export type TransitionCheck = { ok: true; to: PostmortemStatus } | { ok: false; status: 403 | 409; reason: string };

export function checkPostmortemTransition(from: PostmortemStatus, move: Transition, role: Role): TransitionCheck {
  const m = MOVES[move];
  if (!hasRole(role, m.role)) return { ok: false, status: 403, reason: `${m.label} needs the ${m.role} role; you are ${role}` };
  if (!m.from.includes(from)) return { ok: false, status: 409, reason: `A postmortem that is ${POSTMORTEM_STATUS_LABELS[from].toLowerCase()} cannot be moved by "${m.label}"` };
  return { ok: true, to: m.to };
}

/** The moves a person with this role can make now, for the status bar. */
export function allowedMoves(from: PostmortemStatus, role: Role): Transition[] {
  return (Object.keys(MOVES) as Transition[]).filter((t) => checkPostmortemTransition(from, t, role).ok);
}

export const transitionLabel = (t: Transition) => MOVES[t].label;

/** Sections can be written until the postmortem is approved (reopen it to change an approved one). */
export const sectionsEditable = (s: PostmortemStatus) => s !== 'approved';

/** Overdue: past due and not approved yet. */
export const isPostmortemOverdue = (p: { status: PostmortemStatus; dueAt: string | Date }, now: Date) => p.status !== 'approved' && new Date(p.dueAt).getTime() < now.getTime();

/** An action item is overdue from the day after its due date (UTC) while it is still open. */
export function isActionItemOverdue(item: { status: ActionItemStatus; dueDate: string | null }, now: Date): boolean {
  if (!item.dueDate || isClosedItem(item.status)) return false;
  return item.dueDate.slice(0, 10) < now.toISOString().slice(0, 10);
}
