import { db, type Tx } from '@/lib/db/client';
import type { Actor } from '@/lib/auth/actor';
import { writeAudit } from '@/lib/audit/log';
import { ApiError, badRequest, conflict, notFound } from '@/lib/api/errors';
import { appendEvent, actorId } from '@/lib/incidents/events';
import { ensurePostmortem } from './draft';
import { getPostmortem } from './query';
import type { ActionItemCreate, ActionItemPatch, SectionsPatch } from './schemas';
import { checkPostmortemTransition, isClosedItem, SECTIONS, sectionsEditable, type Transition } from './states';

const sectionLabel = (k: string) => SECTIONS.find((s) => s.key === k)?.label ?? k;
import type { CommentOut, PostmortemOut } from './types';

// Changes to a postmortem: its sections, its review state, comments and action
// items. Each in one transaction with its audit entry; state changes are
// guarded on the state they were decided on, so of two concurrent approvals
// exactly one wins.

async function load(tx: Tx, id: string) {
  const pm = await tx.postmortem.findUnique({ where: { id }, select: { id: true, incidentId: true, status: true } });
  if (!pm) throw notFound('Postmortem');
  return pm;
}

/** "Create postmortem" for any resolved incident (commander); returns whether it was new. */
export async function createPostmortemFor(incidentId: string, actor: Actor, ip: string | null): Promise<{ postmortem: PostmortemOut; created: boolean }> {
  const r = await db.$transaction((tx) => ensurePostmortem(tx, incidentId, actor, ip, 'manual'));
  return { postmortem: await getPostmortem(r.id), created: r.created };
}

/** Writes only the sections sent; the others stay as they are. */
export async function updateSections(id: string, input: SectionsPatch, actor: Actor, ip: string | null): Promise<PostmortemOut> {
  await db.$transaction(async (tx) => {
    const pm = await load(tx, id);
    if (!sectionsEditable(pm.status)) throw conflict('The postmortem is approved: move it back to draft to change its sections');
    const data = Object.fromEntries(Object.entries(input.sections).filter(([, v]) => v !== undefined));
    const before = (await tx.postmortem.findUniqueOrThrow({ where: { id }, select: Object.fromEntries(Object.keys(data).map((k) => [k, true])) })) as unknown as Record<string, string>;
    const changed = Object.entries(input.base ?? {}).filter(([k, v]) => v !== undefined && k in before && before[k] !== v).map(([k]) => k);
    if (changed.length) throw conflict(`Someone else saved ${changed.map((k) => sectionLabel(k).toLowerCase()).join(', ')} while you were writing; your text is kept — compare and save again`);
    const { count } = await tx.postmortem.updateMany({ where: { id, status: pm.status }, data });
    if (count !== 1) throw conflict('The postmortem changed state while you were writing; reload it and try again');
    await writeAudit(actor, { action: 'postmortem.sections', targetType: 'postmortem', targetId: id, before, after: data }, ip, tx);
  });
  return getPostmortem(id);
}

const MOVE_WORDS: Record<Transition, string> = { submit: 'submitted for review', approve: 'approved', reopen: 'moved back to draft' };

export async function transitionPostmortem(id: string, move: Transition, note: string | undefined, actor: Actor, ip: string | null): Promise<PostmortemOut> {
  const now = new Date();
  await db.$transaction(async (tx) => {
    const pm = await load(tx, id);
    const check = checkPostmortemTransition(pm.status, move, actor.role);
    if (!check.ok) throw new ApiError(check.status, check.reason);
    const data =
      move === 'submit'
        ? { status: check.to, submittedAt: now, submittedBy: actor.label }
        : move === 'approve'
          ? { status: check.to, approvedAt: now, approvedBy: actor.label, approvedById: actorId(actor) }
          : { status: check.to, approvedAt: null, approvedBy: null, approvedById: null };
    const { count } = await tx.postmortem.updateMany({ where: { id, status: pm.status }, data });
    if (count !== 1) throw conflict('The postmortem changed state meanwhile; reload it and try again');
    const text = note?.trim();
    await appendEvent(tx, pm.incidentId, actor, {
      type: 'postmortem',
      at: now,
      body: `Postmortem ${MOVE_WORDS[move]} by ${actor.label}${text ? `: ${text}` : ''}`,
      data: { postmortemId: id, action: move, from: pm.status, to: check.to },
    });
    await writeAudit(actor, { action: `postmortem.${move}`, targetType: 'postmortem', targetId: id, before: { status: pm.status }, after: { ...data, note: text ?? null } }, ip, tx);
  });
  return getPostmortem(id);
}

export async function addComment(id: string, input: { section: CommentOut['section']; body: string }, actor: Actor, ip: string | null): Promise<CommentOut> {
  return db.$transaction(async (tx) => {
    await load(tx, id);
    const c = await tx.postmortemComment.create({ data: { postmortemId: id, section: input.section, body: input.body, author: actor.label, authorId: actorId(actor) } });
    await writeAudit(actor, { action: 'postmortem.comment', targetType: 'postmortem', targetId: id, after: { commentId: c.id, section: c.section, body: c.body } }, ip, tx);
    return { id: c.id, section: c.section as CommentOut['section'], body: c.body, author: c.author, at: c.at.toISOString() };
  });
}

async function checkOwner(tx: Tx, ownerId: string | null | undefined) {
  if (!ownerId) return;
  const u = await tx.user.findUnique({ where: { id: ownerId }, select: { disabled: true } });
  if (!u || u.disabled) throw badRequest('Invalid body: ownerId: no active user with this id', [{ path: 'ownerId', message: 'no active user with this id' }]);
}

const dateOf = (d: string | null | undefined) => (d === undefined ? undefined : d === null ? null : new Date(`${d}T00:00:00Z`));

export async function createActionItem(postmortemId: string, input: ActionItemCreate, actor: Actor, ip: string | null) {
  return db.$transaction(async (tx) => {
    await load(tx, postmortemId);
    await checkOwner(tx, input.ownerId);
    const status = input.status ?? 'open';
    const item = await tx.actionItem.create({
      data: {
        postmortemId,
        title: input.title,
        ownerId: input.ownerId ?? null,
        dueDate: dateOf(input.dueDate) ?? null,
        status,
        link: input.link ?? null,
        closedAt: isClosedItem(status) ? new Date() : null,
      },
    });
    await writeAudit(actor, { action: 'action_item.create', targetType: 'action_item', targetId: item.id, after: item }, ip, tx);
    return item.id;
  });
}

export async function patchActionItem(id: string, input: ActionItemPatch, actor: Actor, ip: string | null) {
  return db.$transaction(async (tx) => {
    const before = await tx.actionItem.findUnique({ where: { id } });
    if (!before) throw notFound('Action item');
    if (input.ownerId !== undefined) await checkOwner(tx, input.ownerId);
    const closing = input.status !== undefined && isClosedItem(input.status);
    const closedAt = input.status === undefined ? undefined : closing ? (isClosedItem(before.status) ? before.closedAt : new Date()) : null;
    const after = await tx.actionItem.update({
      where: { id },
      data: { title: input.title, ownerId: input.ownerId, dueDate: dateOf(input.dueDate), status: input.status, link: input.link, closedAt },
    });
    await writeAudit(actor, { action: 'action_item.update', targetType: 'action_item', targetId: id, before, after }, ip, tx);
    return after.id;
  });
}

export async function deleteActionItem(id: string, actor: Actor, ip: string | null) {
  await db.$transaction(async (tx) => {
    const before = await tx.actionItem.findUnique({ where: { id } });
    if (!before) throw notFound('Action item');
    await tx.actionItem.delete({ where: { id } });
    await writeAudit(actor, { action: 'action_item.delete', targetType: 'action_item', targetId: id, before }, ip, tx);
  });
}
