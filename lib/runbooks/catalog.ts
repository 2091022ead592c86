import { createHash } from 'node:crypto';
import type { Actor } from '@/lib/auth/actor';
import { writeAudit } from '@/lib/audit/log';
import { ApiError, conflict, notFound } from '@/lib/api/errors';
import { db, type Tx } from '@/lib/db/client';
import type { Prisma } from '@/lib/generated/prisma/client';
import { canonical, validateRunbook, type RunbookDef } from './schema';
import type { RunbookDetailOut, RunbookOut } from './types';

// Runbooks and their versions: list, read (any version), create, edit (a new
// immutable version, only when the content changed).

export const hashDef = (def: RunbookDef) => createHash('sha256').update(JSON.stringify(canonical(def))).digest('hex');

type RunbookRow = { id: string; slug: string; builtin: boolean; currentVersion: number; updatedAt: Date };

function out(r: RunbookRow, def: RunbookDef, version: number): RunbookOut {
  return { ...canonical(def), id: r.id, version, builtin: r.builtin, updatedAt: r.updatedAt.toISOString() };
}

async function currentDefs(where: Prisma.RunbookWhereInput = {}) {
  const rows = await db.runbook.findMany({ where, orderBy: { title: 'asc' } });
  if (!rows.length) return [];
  const versions = await db.runbookVersion.findMany({
    where: { OR: rows.map((r) => ({ runbookId: r.id, version: r.currentVersion })) },
    select: { runbookId: true, definition: true },
  });
  const byId = new Map(versions.map((v) => [v.runbookId, v.definition as unknown as RunbookDef]));
  return rows.flatMap((r) => (byId.has(r.id) ? [{ row: r, def: byId.get(r.id)! }] : []));
}

/** Every runbook at its current version; `q` matches title, slug, summary, symptoms. */
export async function listRunbooks(q?: string): Promise<RunbookOut[]> {
  const all = (await currentDefs()).map(({ row, def }) => out(row, def, row.currentVersion));
  const needle = q?.trim().toLowerCase();
  if (!needle) return all;
  return all.filter((r) => [r.title, r.slug, r.summary ?? '', r.whenToUse ?? '', ...(r.symptoms ?? []), ...(r.services ?? [])].some((t) => t.toLowerCase().includes(needle)));
}

export async function listRunbookDefs() {
  return currentDefs();
}

export async function findRunbookRow(idOrSlug: string, client: Tx | typeof db = db) {
  const isUuid = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(idOrSlug);
  return client.runbook.findFirst({ where: isUuid ? { OR: [{ id: idOrSlug }, { slug: idOrSlug }] } : { slug: idOrSlug } });
}

export async function getRunbook(idOrSlug: string, version?: number): Promise<RunbookDetailOut> {
  const r = await findRunbookRow(idOrSlug);
  if (!r) throw notFound('Runbook');
  const shown = version ?? r.currentVersion;
  const v = await db.runbookVersion.findUnique({ where: { runbookId_version: { runbookId: r.id, version: shown } } });
  if (!v) throw notFound(`Version ${shown} of the runbook`);
  const versions = await db.runbookVersion.findMany({ where: { runbookId: r.id }, orderBy: { version: 'desc' }, select: { version: true, createdAt: true, createdBy: true } });
  return {
    ...out(r, v.definition as unknown as RunbookDef, shown),
    shownVersion: shown,
    currentVersion: r.currentVersion,
    versions: versions.map((x) => ({ version: x.version, createdAt: x.createdAt.toISOString(), createdBy: x.createdBy })),
  };
}

function asDef(value: unknown): RunbookDef {
  const v = validateRunbook(value);
  if (!v.ok) {
    const first = v.issues[0];
    throw new ApiError(400, `Invalid runbook: ${first.path}: ${first.message}${v.issues.length > 1 ? ` (and ${v.issues.length - 1} more)` : ''}`, v.issues);
  }
  return canonical(v.def);
}

async function insertVersion(tx: Tx, runbookId: string, version: number, def: RunbookDef, by: string) {
  await tx.runbookVersion.create({ data: { runbookId, version, definition: def as unknown as Prisma.InputJsonValue, createdBy: by } });
}

export async function createRunbook(value: unknown, actor: Actor, ip: string | null): Promise<RunbookDetailOut> {
  const def = asDef(value);
  await db.$transaction(async (tx) => {
    if (await tx.runbook.findUnique({ where: { slug: def.slug }, select: { id: true } })) throw conflict(`A runbook with the slug "${def.slug}" exists already: edit it, or choose another slug`);
    const r = await tx.runbook.create({ data: { slug: def.slug, title: def.title, schedule: def.schedule ?? null, currentVersion: 1 } });
    await insertVersion(tx, r.id, 1, def, actor.label);
    await writeAudit(actor, { action: 'runbook.create', targetType: 'runbook', targetId: r.id, after: { slug: def.slug, version: 1 } }, ip, tx);
  });
  return getRunbook(def.slug);
}

/** Saves a new version when the content differs from the current one; `changed` says whether it did. */
export async function updateRunbook(idOrSlug: string, value: unknown, actor: Actor, ip: string | null): Promise<{ runbook: RunbookDetailOut; changed: boolean }> {
  const def = asDef(value);
  const changed = await db.$transaction(async (tx) => {
    const found = await findRunbookRow(idOrSlug, tx);
    if (!found) throw notFound('Runbook');
    // Serialise edits of one runbook: version numbers never collide.
    await tx.$queryRaw`SELECT id FROM runbooks WHERE id = ${found.id}::uuid FOR UPDATE`;
    const r = await tx.runbook.findUniqueOrThrow({ where: { id: found.id } });
    if (def.slug !== r.slug) throw new ApiError(400, 'The slug identifies the runbook across versions and cannot change', [{ path: 'slug', message: `must stay "${r.slug}"` }]);
    const cur = await tx.runbookVersion.findUniqueOrThrow({ where: { runbookId_version: { runbookId: r.id, version: r.currentVersion } } });
    if (hashDef(cur.definition as unknown as RunbookDef) === hashDef(def)) return false;
    const next = r.currentVersion + 1;
    await insertVersion(tx, r.id, next, def, actor.label);
    await tx.runbook.update({ where: { id: r.id }, data: { currentVersion: next, title: def.title, schedule: def.schedule ?? null } });
    await writeAudit(actor, { action: 'runbook.update', targetType: 'runbook', targetId: r.id, before: { version: r.currentVersion }, after: { slug: r.slug, version: next } }, ip, tx);
    return true;
  });
  return { runbook: await getRunbook(def.slug), changed };
}

/**
 * Seeds one built-in: created when missing; a new version when the file changed
 * since it was last seeded (edits made in the console stay until the file moves on).
 */
export async function seedBuiltin(def: RunbookDef, actor: Actor): Promise<'created' | 'updated' | 'unchanged'> {
  const d = canonical(def);
  const hash = hashDef(d);
  return db.$transaction(async (tx) => {
    await tx.$executeRaw`SELECT pg_advisory_xact_lock(hashtext('opsdeck.runbooks.seed'))`;
    const r = await tx.runbook.findUnique({ where: { slug: d.slug } });
    if (!r) {
      const c = await tx.runbook.create({ data: { slug: d.slug, title: d.title, builtin: true, builtinHash: hash, schedule: d.schedule ?? null } });
      await insertVersion(tx, c.id, 1, d, actor.label);
      await writeAudit(actor, { action: 'runbook.seed', targetType: 'runbook', targetId: c.id, after: { slug: d.slug, version: 1 } }, null, tx);
      return 'created';
    }
    if (r.builtinHash === hash) return 'unchanged';
    const next = r.currentVersion + 1;
    await insertVersion(tx, r.id, next, d, actor.label);
    await tx.runbook.update({ where: { id: r.id }, data: { builtin: true, builtinHash: hash, currentVersion: next, title: d.title, schedule: d.schedule ?? null } });
    await writeAudit(actor, { action: 'runbook.seed', targetType: 'runbook', targetId: r.id, before: { version: r.currentVersion }, after: { slug: d.slug, version: next } }, null, tx);
    return 'updated';
  });
}
