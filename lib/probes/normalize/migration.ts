import type { HttpResponseLike, MigrationState, NormalizedResult, Status } from '@/lib/probes/types';
import { httpLabel, isSuccess } from './http';
import { BODY_TOO_LARGE, describeValue, isRecord, oneLine, parseJson } from './text';

/** What a migration endpoint told us, before deciding anything. */
export interface MigrationFacts {
  format: 'json' | 'flyway' | 'golang-migrate';
  /** null: not reported; []: reported as "nothing applied yet". */
  current: string[] | null;
  head: string[] | null;
  /** A pending count the service gave (or we counted from its list). */
  pending: number | null;
  /** What a status word or boolean says, when there is one. */
  flag: 'head' | 'behind' | 'unknown' | null;
  /** A failed or half-applied migration, described. */
  failed: string | null;
}

export interface MigrationVerdict {
  status: Status;
  error: string | null;
  migration: MigrationState;
}

const CURRENT_KEYS = [
  'current', 'current_revision', 'currentRevision', 'current_version', 'currentVersion', 'version', 'revision',
  'applied_version', 'appliedVersion', 'db_version', 'dbVersion', 'schema_version', 'schemaVersion',
  'database_version', 'databaseVersion',
];
const HEAD_KEYS = [
  'head', 'heads', 'head_revision', 'headRevision', 'head_version', 'headVersion', 'latest', 'latest_version',
  'latestVersion', 'latest_revision', 'latestRevision', 'target', 'target_version', 'targetVersion', 'expected',
  'expected_version', 'expectedVersion',
];
const PENDING_KEYS = ['pending', 'pending_count', 'pendingCount', 'pending_migrations', 'pendingMigrations', 'behind_by', 'behindBy'];
const APPLIED_KEYS = ['applied', 'applied_migrations', 'appliedMigrations', 'executed'];
const AT_HEAD_KEYS = ['at_head', 'atHead', 'is_head', 'isHead', 'up_to_date', 'upToDate', 'isUpToDate'];
const BEHIND_KEYS = ['needs_migration', 'needsMigration', 'migration_needed', 'migrationNeeded', 'migration_required', 'migrationRequired'];
const WRAPPER_KEYS = ['migration', 'migrations', 'schema', 'database', 'db'];

const HEAD_WORDS = new Set([
  'head', 'at_head', 'up_to_date', 'uptodate', 'current', 'ok', 'synced', 'in_sync', 'applied', 'complete',
  'completed', 'latest', 'migrated', 'up', 'done', 'success', 'pass', 'healthy',
]);
const BEHIND_WORDS = new Set([
  'behind', 'pending', 'outdated', 'out_of_date', 'needs_migration', 'migration_needed', 'migrations_pending',
  'pending_migrations', 'stale', 'not_at_head',
]);
const FAILED_WORDS = new Set(['failed', 'fail', 'error', 'dirty']);

export function normalizeMigration(res: HttpResponseLike): NormalizedResult {
  if (res.truncated) return { status: 'down', error: BODY_TOO_LARGE, summary: {} };
  if (!isSuccess(res.status)) return { status: 'down', error: httpLabel(res.status), summary: {} };
  const parsed = parseJson(res.body);
  if (!parsed.ok) {
    return { status: 'unknown', error: 'migration: the response is not JSON, so the migration state cannot be read', summary: {} };
  }
  const facts = readMigrationFacts(parsed.value);
  const verdict = judgeMigration(facts);
  return { status: verdict.status, error: verdict.error, summary: { format: facts.format, migration: verdict.migration } };
}

export function readMigrationFacts(doc: unknown): MigrationFacts {
  // A bare array is a list of migrations (`[{version, applied}]`).
  const root = Array.isArray(doc) ? { migrations: doc } : doc;
  const facts = readLevel(root);
  if (hasAnything(facts) || !isRecord(root)) return facts;
  // Some services wrap it all one level down: {"migration": {...}} or {"database": {...}}.
  for (const key of WRAPPER_KEYS) {
    if (!isRecord(root[key])) continue;
    const inner = readLevel(root[key]);
    if (hasAnything(inner)) return inner;
  }
  return facts;
}

function hasAnything(f: MigrationFacts): boolean {
  return f.current !== null || f.head !== null || f.pending !== null || f.flag !== null || f.failed !== null;
}

function readLevel(doc: unknown): MigrationFacts {
  const facts: MigrationFacts = { format: 'json', current: null, head: null, pending: null, flag: null, failed: null };
  if (!isRecord(doc)) return facts;

  const list = findMigrationList(doc);
  if (list) Object.assign(facts, factsFromList(list.items), { format: list.format });

  facts.current = revisions(first(doc, CURRENT_KEYS)) ?? facts.current;
  facts.head = revisions(first(doc, HEAD_KEYS)) ?? facts.head;

  const applied = first(doc, APPLIED_KEYS);
  if (Array.isArray(applied) && facts.current === null) {
    const done = revisions(applied) ?? [];
    facts.current = done.length > 0 ? [done[done.length - 1]] : [];
  }

  const pending = first(doc, PENDING_KEYS);
  if (typeof pending === 'number' && Number.isInteger(pending) && pending >= 0) facts.pending = pending;
  else if (typeof pending === 'string' && /^\d+$/.test(pending.trim())) facts.pending = Number(pending);
  else if (typeof pending === 'boolean') facts.flag = pending ? 'behind' : 'head';
  else if (Array.isArray(pending)) {
    facts.pending = pending.length;
    const waiting = revisions(pending) ?? [];
    // With {applied:[…], pending:[…]} the head is the last pending one, or the current one.
    if (facts.head === null) facts.head = waiting.length > 0 ? [waiting[waiting.length - 1]] : facts.current;
  }

  const atHead = first(doc, AT_HEAD_KEYS);
  if (typeof atHead === 'boolean') facts.flag = atHead ? 'head' : 'behind';
  const behind = first(doc, BEHIND_KEYS);
  if (typeof behind === 'boolean') facts.flag = behind ? 'behind' : 'head';

  const word = doc.status ?? doc.state;
  if (typeof word === 'string') {
    const w = word.trim().toLowerCase().replace(/[\s-]+/g, '_');
    if (HEAD_WORDS.has(w)) facts.flag = 'head';
    else if (BEHIND_WORDS.has(w)) facts.flag = 'behind';
    else if (FAILED_WORDS.has(w)) facts.failed = `the service reports status "${oneLine(word, 40)}"`;
    else if (w === 'unknown') facts.flag = 'unknown';
  }

  // golang-migrate: {"version": 42, "dirty": true} means migration 42 stopped half-way.
  if (typeof doc.dirty === 'boolean') {
    facts.format = 'golang-migrate';
    if (doc.dirty) facts.failed = `database marked dirty at version ${facts.current?.join(', ') ?? '?'} (a migration stopped half-way)`;
  }
  return facts;
}

function first(doc: Record<string, unknown>, keys: string[]): unknown {
  for (const k of keys) if (Object.hasOwn(doc, k) && doc[k] !== undefined) return doc[k];
  return undefined;
}

/** Revisions as strings; [] for an explicit "none" (null); null when the value is unusable. */
function revisions(value: unknown): string[] | null {
  if (value === null) return [];
  if (typeof value === 'string') return value.trim() === '' ? [] : [oneLine(value, 80)];
  if (typeof value === 'number') return Number.isFinite(value) ? [String(value)] : null;
  if (Array.isArray(value)) {
    const out = value.map(revisionOf).filter((r): r is string => r !== null);
    return value.length > 0 && out.length === 0 ? null : out;
  }
  const single = revisionOf(value);
  return single === null ? null : [single];
}

function revisionOf(value: unknown): string | null {
  if (typeof value === 'string' && value.trim() !== '') return oneLine(value, 80);
  if (typeof value === 'number' && Number.isFinite(value)) return String(value);
  if (isRecord(value)) {
    const id = value.version ?? value.revision ?? value.id ?? value.name;
    if ((typeof id === 'string' && id.trim() !== '') || (typeof id === 'number' && Number.isFinite(id))) return oneLine(String(id), 80);
  }
  return null;
}

type MigrationItem = Record<string, unknown>;

/** A list of migrations with their states: Spring's /actuator/flyway, or a plain `migrations: [...]`. */
function findMigrationList(doc: Record<string, unknown>): { format: MigrationFacts['format']; items: MigrationItem[] } | null {
  if (Array.isArray(doc.migrations) && doc.migrations.some(isMigrationItem)) {
    return { format: 'json', items: doc.migrations.filter(isRecord) };
  }
  if (!isRecord(doc.contexts)) return null;
  for (const context of Object.values(doc.contexts)) {
    if (!isRecord(context) || !isRecord(context.flywayBeans)) continue;
    for (const bean of Object.values(context.flywayBeans)) {
      if (isRecord(bean) && Array.isArray(bean.migrations)) return { format: 'flyway', items: bean.migrations.filter(isRecord) };
    }
  }
  return null;
}

function isMigrationItem(v: unknown): boolean {
  return isRecord(v) && (typeof v.state === 'string' || typeof v.status === 'string' || typeof v.applied === 'boolean');
}

function itemState(item: MigrationItem): string {
  const s = item.state ?? item.status;
  if (typeof s === 'string') return s.toUpperCase();
  return item.applied === false ? 'PENDING' : item.applied === true ? 'SUCCESS' : '';
}

// Flyway states that do not mean "applied to this database".
const NOT_APPLIED = new Set(['PENDING', 'IGNORED', 'ABOVE_TARGET', 'AVAILABLE', 'BELOW_BASELINE', 'OUTDATED', 'SUPERSEDED']);

function label(i: MigrationItem): string {
  return revisionOf(i.version ?? i.revision ?? i.id ?? i.name) as string;
}

function factsFromList(items: MigrationItem[]): Partial<MigrationFacts> {
  const versioned = items.filter((i) => revisionOf(i.version ?? i.revision ?? i.id ?? i.name) !== null);
  const failed = items.find((i) => itemState(i).includes('FAIL'));
  const applied = versioned.filter((i) => !NOT_APPLIED.has(itemState(i)) && !itemState(i).includes('FAIL'));
  return {
    pending: items.filter((i) => itemState(i) === 'PENDING').length,
    current: applied.length > 0 ? [label(applied[applied.length - 1])] : [],
    head: versioned.length > 0 ? [label(versioned[versioned.length - 1])] : null,
    failed: failed
      ? `migration ${describeValue(failed.version ?? failed.script ?? failed.description ?? '?', 80)} failed`
      : null,
  };
}

/**
 * "v42", "0042", "0042_add_users", "V3__init" → the number; alembic-style hashes → null.
 * Only these shapes count: digits hidden inside a hash must never be compared.
 */
export function revisionNumber(revision: string): { value: number; digits: number } | null {
  const m = /^(?:v|r|rev|version)?[_-]?(\d+)(?:[_-].*)?$/i.exec(revision.trim());
  if (!m) return null;
  const value = Number(m[1]);
  return Number.isSafeInteger(value) ? { value, digits: m[1].replace(/^0+(?=\d)/, '').length } : null;
}

// Timestamped revisions (20240105120000_add_index) are ordered but not consecutive, so
// their difference is not a count of migrations.
const TIMESTAMP_DIGITS = 8;

function sameRevision(a: string, b: string): boolean {
  const na = revisionNumber(a);
  const nb = revisionNumber(b);
  if (na && nb) return na.value === nb.value;
  return a.trim().toLowerCase() === b.trim().toLowerCase();
}

type Comparison = { position: 'head' } | { position: 'behind'; count: number | null } | { position: 'ahead' };

function covers(xs: string[], ys: string[]): boolean {
  return ys.every((y) => xs.some((x) => sameRevision(x, y)));
}

function compare(current: string[], head: string[]): Comparison | null {
  if (head.length === 0) return null;
  if (current.length === 0) return { position: 'behind', count: null };
  if (covers(current, head) && covers(head, current)) return { position: 'head' };
  if (current.length === 1 && head.length === 1) {
    const c = revisionNumber(current[0]);
    const h = revisionNumber(head[0]);
    if (c && h) {
      if (c.value > h.value) return { position: 'ahead' };
      const timestamped = c.digits >= TIMESTAMP_DIGITS || h.digits >= TIMESTAMP_DIGITS;
      return { position: 'behind', count: timestamped ? null : h.value - c.value };
    }
  }
  return { position: 'behind', count: null };
}

function migrationState(current: string | null, head: string | null, pending: number | null, atHead: boolean | null): MigrationState {
  return { current, head, pending, atHead };
}

export function judgeMigration(facts: MigrationFacts): MigrationVerdict {
  const current = facts.current === null ? null : facts.current.length === 0 ? null : facts.current.join(', ');
  const head = facts.head === null || facts.head.length === 0 ? null : facts.head.join(', ');

  if (facts.failed) return { status: 'down', error: oneLine(facts.failed), migration: migrationState(current, head, facts.pending, false) };

  let verdict: Comparison | 'unknown' | null = null;
  if (facts.pending !== null) verdict = facts.pending === 0 ? { position: 'head' } : { position: 'behind', count: facts.pending };
  else if (facts.current !== null && facts.head !== null) verdict = compare(facts.current, facts.head);
  if (verdict === null && facts.flag === 'head') verdict = { position: 'head' };
  if (verdict === null && facts.flag === 'behind') verdict = { position: 'behind', count: null };
  if (verdict === null && facts.flag === 'unknown') verdict = 'unknown';

  if (verdict === null || verdict === 'unknown') {
    const error =
      verdict === 'unknown'
        ? 'the service reports its migration state as unknown'
        : 'migration state not reported: expected current/head revisions, a pending count or a status';
    return { status: 'unknown', error, migration: migrationState(current, head, facts.pending, null) };
  }
  if (verdict.position === 'head') return { status: 'up', error: null, migration: migrationState(current, head, 0, true) };
  if (verdict.position === 'ahead') {
    return {
      status: 'degraded',
      error: oneLine(`database is ahead of the code: current ${current}, head ${head}`),
      migration: migrationState(current, head, null, false),
    };
  }
  return { status: 'degraded', error: oneLine(behindText(verdict.count, current, head, facts)), migration: migrationState(current, head, verdict.count, false) };
}

function behindText(count: number | null, current: string | null, head: string | null, facts: MigrationFacts): string {
  if (count !== null) {
    const where = [current && `current ${current}`, head && `head ${head}`].filter(Boolean).join(', ');
    return `behind by ${count} migration${count === 1 ? '' : 's'}${where ? ` (${where})` : ''}`;
  }
  if (facts.current !== null && facts.current.length === 0 && head) return `behind: no migration applied yet, head ${head}`;
  if (current && head) return `behind: current ${current}, head ${head}`;
  return 'behind: the service reports pending migrations';
}
