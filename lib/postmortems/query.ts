import { db } from '@/lib/db/client';
import { notFound } from '@/lib/api/errors';
import type { Prisma } from '@/lib/generated/prisma/client';
import { isActionItemOverdue, isClosedItem, isPostmortemOverdue, SECTION_KEYS, type SectionKey } from './states';
import type { ActionItemOut, CommentOut, DraftSnapshot, OverdueActionItemOut, PostmortemListItem, PostmortemOut } from './types';

// Reading postmortems: rows → API objects, with "overdue" worked out as of now.

const incidentRef = { select: { id: true, number: true, title: true, severity: true, status: true } } as const;
const actionItemInclude = { owner: { select: { id: true, name: true, email: true } } } satisfies Prisma.ActionItemInclude;
type ActionItemRow = Prisma.ActionItemGetPayload<{ include: typeof actionItemInclude }>;

const iso = (d: Date | null) => (d ? d.toISOString() : null);
const day = (d: Date | null) => (d ? d.toISOString().slice(0, 10) : null);

export function actionItemOut(r: ActionItemRow, now = new Date()): ActionItemOut {
  const dueDate = day(r.dueDate);
  return {
    id: r.id,
    postmortemId: r.postmortemId,
    title: r.title,
    owner: r.owner,
    dueDate,
    status: r.status,
    link: r.link,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    closedAt: iso(r.closedAt),
    overdue: isActionItemOverdue({ status: r.status, dueDate }, now),
  };
}

const fullInclude = {
  incident: incidentRef,
  actionItems: { include: actionItemInclude, orderBy: [{ createdAt: 'asc' }, { id: 'asc' }] },
  comments: { orderBy: [{ at: 'asc' }, { id: 'asc' }] },
} satisfies Prisma.PostmortemInclude;
type FullRow = Prisma.PostmortemGetPayload<{ include: typeof fullInclude }>;

function postmortemOut(r: FullRow, now = new Date()): PostmortemOut {
  const draft = r.draft as unknown as DraftSnapshot;
  const sections = Object.fromEntries(SECTION_KEYS.map((k) => [k, r[k]])) as Record<SectionKey, string>;
  return {
    id: r.id,
    incidentId: r.incidentId,
    incident: r.incident,
    status: r.status,
    dueAt: r.dueAt.toISOString(),
    overdue: isPostmortemOverdue(r, now),
    metrics: draft.metrics,
    draft,
    sections,
    createdBy: r.createdBy,
    createdAt: r.createdAt.toISOString(),
    updatedAt: r.updatedAt.toISOString(),
    submittedAt: iso(r.submittedAt),
    submittedBy: r.submittedBy,
    approvedAt: iso(r.approvedAt),
    approvedBy: r.approvedBy,
    actionItems: r.actionItems.map((a) => actionItemOut(a, now)),
    comments: r.comments.map((c): CommentOut => ({ id: c.id, section: c.section as CommentOut['section'], body: c.body, author: c.author, at: c.at.toISOString() })),
  };
}

export async function getPostmortem(id: string): Promise<PostmortemOut> {
  const r = await db.postmortem.findUnique({ where: { id }, include: fullInclude });
  if (!r) throw notFound('Postmortem');
  return postmortemOut(r);
}

export async function getPostmortemForIncident(incidentId: string): Promise<PostmortemOut> {
  const r = await db.postmortem.findUnique({ where: { incidentId }, include: fullInclude });
  if (!r) {
    const exists = await db.incident.count({ where: { id: incidentId } });
    throw notFound(exists ? 'Postmortem (this incident has none yet)' : 'Incident');
  }
  return postmortemOut(r);
}

export async function listPostmortems(q: { overdue?: boolean; status?: PostmortemOut['status'] }, now = new Date()): Promise<PostmortemListItem[]> {
  const where: Prisma.PostmortemWhereInput = {};
  if (q.status) where.status = q.status;
  if (q.overdue) {
    if (q.status === 'approved') return []; // an approved postmortem is never overdue
    where.status = q.status ?? { not: 'approved' };
    where.dueAt = { lt: now };
  }
  const rows = await db.postmortem.findMany({
    where,
    include: { incident: incidentRef, actionItems: { select: { status: true, dueDate: true } } },
    orderBy: [{ dueAt: 'asc' }],
    take: 500,
  });
  return rows.map((r) => ({
    id: r.id,
    incident: r.incident,
    status: r.status,
    dueAt: r.dueAt.toISOString(),
    overdue: isPostmortemOverdue(r, now),
    createdAt: r.createdAt.toISOString(),
    approvedAt: iso(r.approvedAt),
    actionItems: {
      total: r.actionItems.length,
      open: r.actionItems.filter((a) => !isClosedItem(a.status)).length,
      overdue: r.actionItems.filter((a) => isActionItemOverdue({ status: a.status, dueDate: day(a.dueDate) }, now)).length,
    },
  }));
}

export async function listActionItems(q: { overdue?: boolean; open?: boolean; status?: ActionItemOut['status'] }, now = new Date()): Promise<OverdueActionItemOut[]> {
  const where: Prisma.ActionItemWhereInput = {};
  if (q.status) where.status = q.status;
  if (q.open) {
    if (q.status && isClosedItem(q.status)) return [];
    where.status = q.status ?? { in: ['open', 'in_progress'] };
  }
  if (q.overdue) {
    if (q.status && isClosedItem(q.status)) return []; // a closed item is never overdue
    where.status = q.status ?? { in: ['open', 'in_progress'] };
    where.dueDate = { lt: new Date(`${now.toISOString().slice(0, 10)}T00:00:00Z`) };
  }
  const rows = await db.actionItem.findMany({
    where,
    include: { ...actionItemInclude, postmortem: { select: { id: true, incident: { select: { number: true, title: true } } } } },
    orderBy: [{ dueDate: { sort: 'asc', nulls: 'last' } }, { createdAt: 'asc' }],
    take: 500,
  });
  return rows.map((r) => ({ ...actionItemOut(r, now), postmortem: { id: r.postmortem.id, incidentNumber: r.postmortem.incident.number, incidentTitle: r.postmortem.incident.title } }));
}

export async function getActionItem(id: string): Promise<ActionItemOut> {
  const r = await db.actionItem.findUnique({ where: { id }, include: actionItemInclude });
  if (!r) throw notFound('Action item');
  return actionItemOut(r);
}
