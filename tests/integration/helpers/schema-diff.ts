/**
 * Compares a PostgreSQL database with what schema.prisma says it should be,
 * following the conventions Prisma Migrate uses on PostgreSQL:
 *
 * - tables/columns/enums/values by their database names (@@map/@map);
 * - column types from scalar type + @db native type (String→text,
 *   DateTime→timestamp(3), Decimal→numeric(65,30), Json→jsonb, lists→arrays,
 *   enums→the enum type), nullability (lists are nullable columns, as Prisma
 *   creates them), defaults (autoincrement→sequence, now()→CURRENT_TIMESTAMP,
 *   literals, dbgenerated(...); uuid()/cuid() have none in the database);
 * - primary keys, unique and plain indexes (columns in order, sort order,
 *   method) and foreign keys (columns, referenced table/columns, ON DELETE /
 *   ON UPDATE), named as Prisma names them unless `map:` says otherwise:
 *   <table>_pkey, <table>_<cols>_key, <table>_<cols>_idx, <table>_<cols>_fkey
 *   (truncated to 63 bytes like Prisma does);
 * - implicit many-to-many tables _<Relation>("A","B").
 *
 * The result is a list of readable differences; empty means "matches".
 */
import { get_dmmf } from '@prisma/prisma-schema-wasm';
import type pg from 'pg';

// ---------------------------------------------------------------------------
// DMMF (the subset we read)

export interface DmmfField {
  name: string;
  dbName?: string | null;
  kind: 'scalar' | 'object' | 'enum' | 'unsupported';
  isList: boolean;
  isRequired: boolean;
  isId: boolean;
  isUnique: boolean;
  isUpdatedAt?: boolean;
  hasDefaultValue: boolean;
  type: string;
  nativeType?: [string, string[]] | null;
  default?: unknown;
  relationName?: string;
  relationFromFields?: string[];
  relationToFields?: string[];
  relationOnDelete?: string;
  relationOnUpdate?: string;
}

export interface DmmfModel {
  name: string;
  dbName: string | null;
  fields: DmmfField[];
}

export interface DmmfIndex {
  model: string;
  type: 'id' | 'unique' | 'normal' | 'fulltext';
  dbName?: string | null;
  algorithm?: string;
  fields: { name: string; sortOrder?: 'asc' | 'desc' }[];
}

export interface DmmfEnum {
  name: string;
  dbName?: string | null;
  values: { name: string; dbName?: string | null }[];
}

export interface Datamodel {
  models: DmmfModel[];
  enums: DmmfEnum[];
  indexes: DmmfIndex[];
}

/** Parses schema.prisma text with Prisma's own schema parser (WASM). Throws with Prisma's validation errors. */
export function readDatamodel(schemaText: string): Datamodel {
  let raw: string;
  try {
    raw = get_dmmf(JSON.stringify({ prismaSchema: schemaText }));
  } catch (e) {
    let msg = e instanceof Error ? e.message : String(e);
    try {
      msg = (JSON.parse(msg) as { message?: string }).message ?? msg;
    } catch {
      // not JSON
    }
    throw new Error(`schema.prisma does not parse:\n${msg.replace(/\u001b\[[0-9;]*m/g, '')}`);
  }
  return (JSON.parse(raw) as { datamodel: Datamodel }).datamodel;
}

/**
 * `@relation(..., map: "name")` is not in the DMMF: read it from the text.
 * Returns "Model.field" → constraint name.
 */
export function relationMapsFromText(schemaText: string): Map<string, string> {
  const out = new Map<string, string>();
  const modelRe = /^\s*model\s+(\w+)\s*\{([\s\S]*?)^\s*\}/gm;
  for (const m of schemaText.matchAll(modelRe)) {
    for (const line of m[2].split('\n')) {
      const code = line.replace(/\/\/.*$/, '');
      const f = /^\s*(\w+)\s+\w+[?[\]]*\s.*@relation\(([^)]*)\)/.exec(code);
      const map = f && /\bmap\s*:\s*"([^"]+)"/.exec(f[2]);
      if (f && map) out.set(`${m[1]}.${f[1]}`, map[1]);
    }
  }
  return out;
}

// ---------------------------------------------------------------------------
// The expected and the actual shape, in one vocabulary

export type ColumnType = { kind: 'base'; sql: string; array: boolean } | { kind: 'enum'; name: string; array: boolean };

export type ExpectedDefault =
  | { kind: 'none' }
  | { kind: 'sequence' }
  | { kind: 'now' }
  | { kind: 'expr'; sql: string }
  | { kind: 'value'; value: unknown; scalar: string; isEnum: boolean; isList: boolean }
  | { kind: 'any' };

export interface ExpectedColumn {
  name: string;
  /** Model.field, for messages. */
  origin: string;
  type: ColumnType;
  nullable: boolean;
  default: ExpectedDefault;
}

export interface IndexShape {
  name: string;
  columns: string[];
  unique: boolean;
  method: string;
  desc: boolean[];
  /** Actual only: a WHERE clause or expression columns. */
  extra?: string;
}

export type FkAction = 'NoAction' | 'Restrict' | 'Cascade' | 'SetNull' | 'SetDefault';

export interface ForeignKeyShape {
  name: string;
  columns: string[];
  refTable: string;
  refColumns: string[];
  onDelete: FkAction;
  onUpdate: FkAction;
}

export interface ExpectedTable {
  name: string;
  origin: string;
  columns: Map<string, ExpectedColumn>;
  primaryKey: { name: string; columns: string[] } | null;
  indexes: IndexShape[];
  foreignKeys: ForeignKeyShape[];
}

export interface ExpectedSchema {
  tables: Map<string, ExpectedTable>;
  enums: Map<string, string[]>;
}

export interface ActualColumn {
  name: string;
  type: ColumnType;
  /** format_type() of the column, for messages. */
  display: string;
  nullable: boolean;
  default: string | null;
  identity: boolean;
}

export interface ActualTable {
  name: string;
  columns: Map<string, ActualColumn>;
  primaryKey: { name: string; columns: string[] } | null;
  indexes: IndexShape[];
  foreignKeys: ForeignKeyShape[];
}

export interface ActualSchema {
  tables: Map<string, ActualTable>;
  enums: Map<string, string[]>;
}

// ---------------------------------------------------------------------------
// Prisma naming (psl ConstraintNames, PostgreSQL: 63-byte identifiers)

const MAX_IDENT = 63;

function truncateBytes(s: string, maxBytes: number): string {
  if (Buffer.byteLength(s) <= maxBytes) return s;
  let out = '';
  for (const ch of s) {
    if (Buffer.byteLength(out + ch) > maxBytes) break;
    out += ch;
  }
  return out;
}

function withSuffix(base: string, suffix: string): string {
  const limit = MAX_IDENT - suffix.length;
  return `${Buffer.byteLength(base) >= limit ? truncateBytes(base, limit) : base}${suffix}`;
}

export const prismaNames = {
  primaryKey: (table: string) => withSuffix(table, '_pkey'),
  unique: (table: string, cols: string[]) => withSuffix(`${table}_${cols.join('_')}`, '_key'),
  index: (table: string, cols: string[]) => withSuffix(`${table}_${cols.join('_')}`, '_idx'),
  foreignKey: (table: string, cols: string[]) => withSuffix(`${table}_${cols.join('_')}`, '_fkey'),
};

// ---------------------------------------------------------------------------
// Types

const DEFAULT_NATIVE: Record<string, [string, string[]]> = {
  String: ['Text', []],
  Boolean: ['Boolean', []],
  Int: ['Integer', []],
  BigInt: ['BigInt', []],
  Float: ['DoublePrecision', []],
  Decimal: ['Decimal', ['65', '30']],
  DateTime: ['Timestamp', ['3']],
  Json: ['JsonB', []],
  Bytes: ['ByteA', []],
};

/** Prisma @db native type → PostgreSQL format_type() spelling. */
export function nativeToPg(native: string, args: string[]): string {
  const [a, b] = args;
  const p = (name: string, suffix = '') => (a !== undefined ? `${name}(${a})${suffix}` : `${name}${suffix}`);
  switch (native) {
    case 'Text':
      return 'text';
    case 'Char':
      return `character(${a ?? 1})`;
    case 'VarChar':
      return p('character varying');
    case 'Bit':
      return `bit(${a ?? 1})`;
    case 'VarBit':
      return p('bit varying');
    case 'Uuid':
      return 'uuid';
    case 'Xml':
      return 'xml';
    case 'Inet':
      return 'inet';
    case 'Citext':
      return 'citext';
    case 'Boolean':
      return 'boolean';
    case 'Integer':
      return 'integer';
    case 'SmallInt':
      return 'smallint';
    case 'Oid':
      return 'oid';
    case 'BigInt':
      return 'bigint';
    case 'DoublePrecision':
      return 'double precision';
    case 'Real':
      return 'real';
    case 'Decimal':
      return a !== undefined ? `numeric(${a},${b ?? 0})` : 'numeric';
    case 'Money':
      return 'money';
    case 'Timestamp':
      return p('timestamp', ' without time zone');
    case 'Timestamptz':
      return p('timestamp', ' with time zone');
    case 'Date':
      return 'date';
    case 'Time':
      return p('time', ' without time zone');
    case 'Timetz':
      return p('time', ' with time zone');
    case 'Json':
      return 'json';
    case 'JsonB':
      return 'jsonb';
    case 'ByteA':
      return 'bytea';
    default:
      return `${native.toLowerCase()}${args.length ? `(${args.join(',')})` : ''}`;
  }
}

function showType(t: ColumnType): string {
  const base = t.kind === 'enum' ? `enum "${t.name}"` : t.sql;
  return t.array ? `${base}[]` : base;
}

function sameType(a: ColumnType, b: ColumnType): boolean {
  return showType(a) === showType(b);
}

// ---------------------------------------------------------------------------
// schema.prisma → expected

export function expectedFromDatamodel(dm: Datamodel, relationMaps: Map<string, string> = new Map()): ExpectedSchema {
  const models = new Map(dm.models.map((m) => [m.name, m]));
  const enums = new Map(dm.enums.map((e) => [e.name, e]));
  const tableOf = (m: DmmfModel) => m.dbName ?? m.name;
  const col = (m: DmmfModel, fieldName: string) => {
    const f = m.fields.find((x) => x.name === fieldName);
    return f?.dbName ?? f?.name ?? fieldName;
  };
  const enumDbName = (name: string) => enums.get(name)?.dbName ?? name;

  const out: ExpectedSchema = { tables: new Map(), enums: new Map() };
  for (const e of dm.enums) out.enums.set(e.dbName ?? e.name, e.values.map((v) => v.dbName ?? v.name));

  const columnType = (f: DmmfField): ColumnType => {
    if (f.kind === 'enum') return { kind: 'enum', name: enumDbName(f.type), array: f.isList };
    const [native, args] = f.nativeType ?? DEFAULT_NATIVE[f.type] ?? [f.type, []];
    return { kind: 'base', sql: nativeToPg(native, args), array: f.isList };
  };

  const expectedDefault = (f: DmmfField): ExpectedDefault => {
    if (!f.hasDefaultValue || f.default === undefined) return { kind: 'none' };
    const d = f.default;
    if (d && typeof d === 'object' && !Array.isArray(d) && 'name' in d) {
      const fn = d as { name: string; args: unknown[] };
      switch (fn.name) {
        case 'autoincrement':
        case 'sequence':
          return { kind: 'sequence' };
        case 'now':
          return { kind: 'now' };
        case 'dbgenerated':
          return typeof fn.args?.[0] === 'string' ? { kind: 'expr', sql: fn.args[0] } : { kind: 'any' };
        default:
          // uuid(), cuid(), ulid(), nanoid(): generated by Prisma Client, no database default.
          return { kind: 'none' };
      }
    }
    if (f.kind === 'enum' && typeof d === 'string') {
      const v = enums.get(f.type)?.values.find((x) => x.name === d);
      return { kind: 'value', value: v?.dbName ?? d, scalar: f.type, isEnum: true, isList: f.isList };
    }
    if (f.kind === 'enum' && Array.isArray(d)) {
      const vals = d.map((x) => enums.get(f.type)?.values.find((v) => v.name === x)?.dbName ?? x);
      return { kind: 'value', value: vals, scalar: f.type, isEnum: true, isList: true };
    }
    return { kind: 'value', value: d, scalar: f.type, isEnum: false, isList: f.isList };
  };

  for (const m of dm.models) {
    const table = tableOf(m);
    const t: ExpectedTable = { name: table, origin: m.name, columns: new Map(), primaryKey: null, indexes: [], foreignKeys: [] };
    for (const f of m.fields) {
      if (f.kind === 'object') continue;
      const name = f.dbName ?? f.name;
      t.columns.set(name, {
        name,
        origin: `${m.name}.${f.name}`,
        type: columnType(f),
        nullable: !f.isRequired || f.isList,
        default: f.kind === 'unsupported' ? { kind: 'any' } : expectedDefault(f),
      });
    }
    for (const ix of dm.indexes.filter((i) => i.model === m.name)) {
      const cols = ix.fields.map((x) => col(m, x.name));
      if (ix.type === 'id') {
        t.primaryKey = { name: ix.dbName ?? prismaNames.primaryKey(table), columns: cols };
      } else if (ix.type === 'unique' || ix.type === 'normal') {
        const unique = ix.type === 'unique';
        t.indexes.push({
          name: ix.dbName ?? (unique ? prismaNames.unique(table, cols) : prismaNames.index(table, cols)),
          columns: cols,
          unique,
          method: (ix.algorithm ?? 'btree').toLowerCase(),
          desc: ix.fields.map((x) => x.sortOrder === 'desc'),
        });
      }
    }
    for (const f of m.fields) {
      if (f.kind !== 'object' || !f.relationFromFields?.length) continue;
      const target = models.get(f.type);
      if (!target) continue;
      const cols = f.relationFromFields.map((x) => col(m, x));
      t.foreignKeys.push({
        name: relationMaps.get(`${m.name}.${f.name}`) ?? prismaNames.foreignKey(table, cols),
        columns: cols,
        refTable: tableOf(target),
        refColumns: (f.relationToFields ?? []).map((x) => col(target, x)),
        onDelete: (f.relationOnDelete as FkAction | undefined) ?? (f.isRequired ? 'Restrict' : 'SetNull'),
        onUpdate: (f.relationOnUpdate as FkAction | undefined) ?? 'Cascade',
      });
    }
    out.tables.set(table, t);
  }

  // Implicit many-to-many: both sides are lists and neither holds the foreign key.
  const seen = new Set<string>();
  for (const m of dm.models) {
    for (const f of m.fields) {
      if (f.kind !== 'object' || !f.isList || f.relationFromFields?.length || !f.relationName || seen.has(f.relationName)) continue;
      const other = models.get(f.type);
      const back = other?.fields.find(
        (x) => x !== f && x.kind === 'object' && x.relationName === f.relationName && x.isList,
      );
      if (!other || !back) continue; // one-to-many: the other side holds the FK
      seen.add(f.relationName);
      const [a, b] = [m, other].sort((x, y) => (x.name < y.name ? -1 : x.name > y.name ? 1 : 0));
      const table = `_${f.relationName}`;
      const idOf = (model: DmmfModel) => {
        const idx = dm.indexes.find((i) => i.model === model.name && i.type === 'id');
        const field = model.fields.find((x) => x.name === idx?.fields[0]?.name) ?? model.fields.find((x) => x.isId);
        return field;
      };
      const t: ExpectedTable = {
        name: table,
        origin: `implicit many-to-many ${a.name}<->${b.name} (@relation "${f.relationName}")`,
        columns: new Map(),
        primaryKey: { name: `${table}_AB_pkey`, columns: ['A', 'B'] },
        indexes: [{ name: `${table}_B_index`, columns: ['B'], unique: false, method: 'btree', desc: [false] }],
        foreignKeys: [],
      };
      for (const [side, model] of [
        ['A', a],
        ['B', b],
      ] as const) {
        const id = idOf(model);
        t.columns.set(side, {
          name: side,
          origin: `${table}.${side} (id of ${model.name})`,
          type: id ? { ...columnType(id), array: false } : { kind: 'base', sql: 'integer', array: false },
          nullable: false,
          default: { kind: 'none' },
        });
        t.foreignKeys.push({
          name: `${table}_${side}_fkey`,
          columns: [side],
          refTable: tableOf(model),
          refColumns: [id?.dbName ?? id?.name ?? 'id'],
          onDelete: 'Cascade',
          onUpdate: 'Cascade',
        });
      }
      out.tables.set(table, t);
    }
  }
  return out;
}

export function expectedFromSchemaText(schemaText: string): ExpectedSchema {
  return expectedFromDatamodel(readDatamodel(schemaText), relationMapsFromText(schemaText));
}

// ---------------------------------------------------------------------------
// database → actual

const FK_ACTIONS: Record<string, FkAction> = { a: 'NoAction', r: 'Restrict', c: 'Cascade', n: 'SetNull', d: 'SetDefault' };

type Queryable = Pick<pg.ClientBase, 'query'>;

/** Reads tables, columns, keys, indexes and enums of one schema (default: current_schema()). */
export async function readDatabaseSchema(db: Queryable, schema?: string): Promise<ActualSchema> {
  const ns = schema ?? (await db.query<{ s: string }>('SELECT current_schema() AS s')).rows[0].s;
  const out: ActualSchema = { tables: new Map(), enums: new Map() };

  const enums = await db.query<{ name: string; labels: string[] }>(
    `SELECT t.typname AS name, array_agg(e.enumlabel ORDER BY e.enumsortorder)::text[] AS labels
       FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace JOIN pg_enum e ON e.enumtypid = t.oid
      WHERE n.nspname = $1 AND t.typtype = 'e'
      GROUP BY t.typname`,
    [ns],
  );
  for (const e of enums.rows) out.enums.set(e.name, e.labels);

  const tables = await db.query<{ oid: number; name: string }>(
    `SELECT c.oid, c.relname AS name FROM pg_class c JOIN pg_namespace n ON n.oid = c.relnamespace
      WHERE n.nspname = $1 AND c.relkind IN ('r', 'p') AND NOT c.relispartition`,
    [ns],
  );
  const byOid = new Map<number, ActualTable>();
  for (const t of tables.rows) {
    const table: ActualTable = { name: t.name, columns: new Map(), primaryKey: null, indexes: [], foreignKeys: [] };
    out.tables.set(t.name, table);
    byOid.set(t.oid, table);
  }
  if (byOid.size === 0) return out;
  const oids = [...byOid.keys()];

  const cols = await db.query<{
    relid: number;
    attnum: number;
    name: string;
    display: string;
    typtype: string;
    typname: string;
    is_array: boolean;
    elem_typtype: string | null;
    elem_typname: string | null;
    elem_display: string | null;
    notnull: boolean;
    def: string | null;
    identity: string;
  }>(
    `SELECT a.attrelid::int AS relid, a.attnum, a.attname AS name,
            format_type(a.atttypid, a.atttypmod) AS display,
            t.typtype, t.typname, (t.typcategory = 'A' AND t.typelem <> 0) AS is_array,
            et.typtype AS elem_typtype, et.typname AS elem_typname,
            CASE WHEN et.oid IS NOT NULL THEN format_type(et.oid, a.atttypmod) END AS elem_display,
            a.attnotnull AS notnull, pg_get_expr(d.adbin, d.adrelid) AS def, a.attidentity AS identity
       FROM pg_attribute a
       JOIN pg_type t ON t.oid = a.atttypid
       LEFT JOIN pg_type et ON et.oid = t.typelem AND t.typcategory = 'A'
       LEFT JOIN pg_attrdef d ON d.adrelid = a.attrelid AND d.adnum = a.attnum
      WHERE a.attrelid = ANY($1::oid[]) AND a.attnum > 0 AND NOT a.attisdropped
      ORDER BY a.attrelid, a.attnum`,
    [oids],
  );
  const colName = new Map<string, string>(); // "relid:attnum" → name
  for (const c of cols.rows) {
    colName.set(`${c.relid}:${c.attnum}`, c.name);
    const isEnum = (c.is_array ? c.elem_typtype : c.typtype) === 'e';
    const type: ColumnType = isEnum
      ? { kind: 'enum', name: (c.is_array ? c.elem_typname : c.typname) ?? '?', array: c.is_array }
      : { kind: 'base', sql: c.is_array ? (c.elem_display ?? c.display.replace(/\[\]$/, '')) : c.display, array: c.is_array };
    byOid.get(c.relid)!.columns.set(c.name, {
      name: c.name,
      type,
      display: c.display,
      nullable: !c.notnull,
      default: c.def,
      identity: c.identity === 'a' || c.identity === 'd',
    });
  }
  const names = (relid: number, attnums: number[]) => attnums.map((n) => (n === 0 ? '(expression)' : (colName.get(`${relid}:${n}`) ?? `#${n}`)));

  const cons = await db.query<{
    relid: number;
    name: string;
    contype: string;
    conkey: number[];
    confrelid: number;
    confkey: number[] | null;
    ref_table: string | null;
    confdeltype: string;
    confupdtype: string;
  }>(
    `SELECT c.conrelid::int AS relid, c.conname AS name, c.contype, c.conkey::int[] AS conkey,
            c.confrelid::int AS confrelid, c.confkey::int[] AS confkey, rc.relname AS ref_table,
            c.confdeltype, c.confupdtype
       FROM pg_constraint c LEFT JOIN pg_class rc ON rc.oid = c.confrelid
      WHERE c.conrelid = ANY($1::oid[]) AND c.contype IN ('p', 'f')`,
    [oids],
  );
  // Referenced tables may live outside `oids` (other schema); resolve their column names too.
  const refOids = [...new Set(cons.rows.filter((c) => c.contype === 'f' && !byOid.has(c.confrelid)).map((c) => c.confrelid))];
  if (refOids.length) {
    const extra = await db.query<{ relid: number; attnum: number; name: string }>(
      `SELECT attrelid::int AS relid, attnum, attname AS name FROM pg_attribute WHERE attrelid = ANY($1::oid[]) AND attnum > 0`,
      [refOids],
    );
    for (const r of extra.rows) colName.set(`${r.relid}:${r.attnum}`, r.name);
  }
  for (const c of cons.rows) {
    const t = byOid.get(c.relid)!;
    if (c.contype === 'p') t.primaryKey = { name: c.name, columns: names(c.relid, c.conkey) };
    else
      t.foreignKeys.push({
        name: c.name,
        columns: names(c.relid, c.conkey),
        refTable: c.ref_table ?? `#${c.confrelid}`,
        refColumns: names(c.confrelid, c.confkey ?? []),
        onDelete: FK_ACTIONS[c.confdeltype] ?? 'NoAction',
        onUpdate: FK_ACTIONS[c.confupdtype] ?? 'NoAction',
      });
  }

  const idx = await db.query<{
    relid: number;
    name: string;
    unique: boolean;
    primary: boolean;
    keys: number[];
    options: number[];
    method: string;
    pred: string | null;
    exprs: string | null;
    nkeys: number;
  }>(
    `SELECT i.indrelid::int AS relid, ic.relname AS name, i.indisunique AS unique, i.indisprimary AS primary,
            i.indkey::int[] AS keys, i.indoption::int[] AS options, am.amname AS method,
            pg_get_expr(i.indpred, i.indrelid) AS pred, pg_get_expr(i.indexprs, i.indrelid) AS exprs,
            i.indnkeyatts AS nkeys
       FROM pg_index i
       JOIN pg_class ic ON ic.oid = i.indexrelid
       JOIN pg_am am ON am.oid = ic.relam
      WHERE i.indrelid = ANY($1::oid[])`,
    [oids],
  );
  for (const i of idx.rows) {
    if (i.primary) continue;
    const keys = i.keys.slice(0, i.nkeys);
    const extras = [i.pred ? `WHERE ${i.pred}` : '', i.exprs ? `expressions ${i.exprs}` : '', i.keys.length > i.nkeys ? 'INCLUDE columns' : '']
      .filter(Boolean)
      .join(', ');
    byOid.get(i.relid)!.indexes.push({
      name: i.name,
      columns: names(i.relid, keys),
      unique: i.unique,
      method: i.method,
      desc: keys.map((_, n) => ((i.options[n] ?? 0) & 1) === 1),
      ...(extras ? { extra: extras } : {}),
    });
  }
  return out;
}

// ---------------------------------------------------------------------------
// Defaults

/** `'it''s'::text` → it's; `42` → 42; `'-1'::integer` → -1; null when not a plain literal. */
function literalOf(expr: string): string | null {
  let s = expr.trim();
  // strip one or more trailing casts: ::text, ::"Role", ::character varying, ::jsonb
  for (;;) {
    const m = /^(.*?)::(?:"[^"]+"|[a-z_][a-z0-9_ ]*(?:\([0-9, ]+\))?)(?:\[\])?$/i.exec(s);
    if (!m) break;
    s = m[1].trim();
  }
  while (s.startsWith('(') && s.endsWith(')')) s = s.slice(1, -1).trim();
  const q = /^'((?:[^']|'')*)'$/.exec(s);
  if (q) return q[1].replace(/''/g, "'");
  if (/^-?\d+(\.\d+)?(e-?\d+)?$/i.test(s) || s === 'true' || s === 'false') return s;
  return null;
}

function canonicalJson(v: unknown): string {
  if (Array.isArray(v)) return `[${v.map(canonicalJson).join(',')}]`;
  if (v && typeof v === 'object')
    return `{${Object.keys(v)
      .sort()
      .map((k) => `${JSON.stringify(k)}:${canonicalJson((v as Record<string, unknown>)[k])}`)
      .join(',')}}`;
  return JSON.stringify(v);
}

function normaliseExpr(s: string): string {
  return s
    .toLowerCase()
    .replace(/::[a-z_ ]+(\([0-9, ]+\))?(\[\])?/g, '')
    .replace(/[\s()"]/g, '');
}

/** null when matching, otherwise why not. */
function compareDefault(exp: ExpectedDefault, act: ActualColumn): string | null {
  const has = act.default !== null || act.identity;
  const shown = act.identity ? 'an identity sequence' : (act.default ?? 'none');
  switch (exp.kind) {
    case 'any':
      return null;
    case 'none':
      return has ? `has default ${shown} in the database, schema.prisma declares none` : null;
    case 'sequence':
      return act.identity || /^nextval\(/i.test(act.default ?? '') ? null : `default should be a sequence (autoincrement()), database has ${shown}`;
    case 'now':
      return /^(CURRENT_TIMESTAMP|now\(\))/i.test(act.default ?? '') ? null : `default should be CURRENT_TIMESTAMP (now()), database has ${shown}`;
    case 'expr':
      return act.default !== null && normaliseExpr(act.default) === normaliseExpr(exp.sql)
        ? null
        : `default should be dbgenerated("${exp.sql}"), database has ${shown}`;
    case 'value': {
      const want = exp.isList ? JSON.stringify(exp.value) : String(exp.value);
      if (act.default === null) return `default should be ${want}, database has none`;
      if (exp.isList) {
        // ARRAY['a', 'b']::text[] / '{}'::text[]: compare the elements.
        const inner = /^ARRAY\[(.*?)\](?:::[\w\s"]+(?:\([\d, ]+\))?\[\])?$/is.exec(act.default)?.[1];
        const elems = inner !== undefined ? (inner.trim() === '' ? [] : inner.split(/,(?=(?:[^']*'[^']*')*[^']*$)/).map((e) => literalOf(e))) : null;
        const emptyLiteral = /^'\{\}'::/.test(act.default) ? [] : null;
        const got = elems ?? emptyLiteral;
        const wantList = (exp.value as unknown[]).map((v) => (typeof v === 'object' ? canonicalJson(v) : String(v)));
        return got && got.length === wantList.length && got.every((g, i) => g === wantList[i])
          ? null
          : `default should be ${want}, database has ${act.default}`;
      }
      const lit = literalOf(act.default);
      if (lit === null) return `default should be ${want}, database has ${act.default}`;
      switch (exp.scalar) {
        case 'Json': {
          try {
            const a = canonicalJson(JSON.parse(lit));
            const b = canonicalJson(typeof exp.value === 'string' ? JSON.parse(exp.value) : exp.value);
            return a === b ? null : `default should be ${want}, database has ${act.default}`;
          } catch {
            return lit === want ? null : `default should be ${want}, database has ${act.default}`;
          }
        }
        case 'Int':
        case 'BigInt':
        case 'Float':
        case 'Decimal':
          return Number(lit) === Number(exp.value) ? null : `default should be ${want}, database has ${act.default}`;
        case 'DateTime':
          return Date.parse(lit.replace(' ', 'T')) === Date.parse(String(exp.value)) || lit === want ? null : `default should be ${want}, database has ${act.default}`;
        case 'Bytes':
          return null; // presence checked above; encodings differ (base64 vs \x…)
        default:
          return lit === want ? null : `default should be ${JSON.stringify(want)}, database has ${act.default}`;
      }
    }
  }
}

// ---------------------------------------------------------------------------
// The comparison

const ACTION_SQL: Record<FkAction, string> = {
  NoAction: 'NO ACTION',
  Restrict: 'RESTRICT',
  Cascade: 'CASCADE',
  SetNull: 'SET NULL',
  SetDefault: 'SET DEFAULT',
};

const list = (cols: string[]) => `(${cols.join(', ')})`;
const showIndex = (i: IndexShape) =>
  `${i.unique ? 'unique ' : ''}index ${i.name} ${i.method !== 'btree' ? `USING ${i.method} ` : ''}${list(i.columns.map((c, n) => (i.desc[n] ? `${c} DESC` : c)))}${i.extra ? ` [${i.extra}]` : ''}`;
const showFk = (f: ForeignKeyShape) =>
  `foreign key ${f.name} ${list(f.columns)} → ${f.refTable}${list(f.refColumns)} ON DELETE ${ACTION_SQL[f.onDelete]} ON UPDATE ${ACTION_SQL[f.onUpdate]}`;

export interface DiffOptions {
  /** Tables that are not part of the Prisma model (default: _prisma_migrations). */
  ignoreTables?: string[];
}

export function diffSchemas(expected: ExpectedSchema, actual: ActualSchema, opts: DiffOptions = {}): string[] {
  const ignore = new Set(opts.ignoreTables ?? ['_prisma_migrations']);
  const out: string[] = [];

  for (const [name, values] of expected.enums) {
    const got = actual.enums.get(name);
    if (!got) out.push(`enum "${name}": missing in the database (expected values ${values.join(', ')})`);
    else if (got.join('\u0000') !== values.join('\u0000'))
      out.push(`enum "${name}": values are [${got.join(', ')}] in the database, schema.prisma has [${values.join(', ')}] (order matters)`);
  }
  for (const name of actual.enums.keys()) {
    if (!expected.enums.has(name)) out.push(`enum "${name}": exists in the database but not in schema.prisma`);
  }

  for (const [name, exp] of expected.tables) {
    const act = actual.tables.get(name);
    const where = `table ${name} (${exp.origin})`;
    if (!act) {
      out.push(`${where}: missing in the database`);
      continue;
    }
    for (const [cname, ec] of exp.columns) {
      const ac = act.columns.get(cname);
      const at = `${name}.${cname} (${ec.origin})`;
      if (!ac) {
        out.push(`${at}: column missing in the database (expected ${showType(ec.type)}${ec.nullable ? '' : ' NOT NULL'})`);
        continue;
      }
      if (!sameType(ec.type, ac.type)) out.push(`${at}: type is ${showType(ac.type)} in the database, schema.prisma expects ${showType(ec.type)}`);
      if (ec.nullable !== ac.nullable)
        out.push(`${at}: ${ac.nullable ? 'nullable' : 'NOT NULL'} in the database, schema.prisma expects ${ec.nullable ? 'nullable' : 'NOT NULL'}`);
      const d = compareDefault(ec.default, ac);
      if (d) out.push(`${at}: ${d}`);
    }
    for (const cname of act.columns.keys()) {
      if (!exp.columns.has(cname)) out.push(`${name}.${cname}: column exists in the database but not in schema.prisma (model ${exp.origin})`);
    }

    const epk = exp.primaryKey;
    const apk = act.primaryKey;
    if (epk && !apk) out.push(`${where}: primary key ${epk.name} ${list(epk.columns)} missing in the database`);
    else if (!epk && apk) out.push(`${where}: database has primary key ${apk.name} ${list(apk.columns)}, schema.prisma declares none`);
    else if (epk && apk && (epk.name !== apk.name || epk.columns.join() !== apk.columns.join()))
      out.push(`${where}: primary key is ${apk.name} ${list(apk.columns)} in the database, schema.prisma expects ${epk.name} ${list(epk.columns)}`);

    const actIdx = new Map(act.indexes.map((i) => [i.name, i]));
    for (const ei of exp.indexes) {
      const ai = actIdx.get(ei.name);
      if (!ai) {
        const sameCols = act.indexes.find((i) => i.columns.join() === ei.columns.join() && i.unique === ei.unique);
        out.push(`${where}: ${showIndex(ei)} missing in the database${sameCols ? ` (the database has ${showIndex(sameCols)}: wrong name?)` : ''}`);
        continue;
      }
      actIdx.delete(ei.name);
      if (ai.unique !== ei.unique || ai.columns.join() !== ei.columns.join() || ai.method !== ei.method || ai.desc.join() !== ei.desc.join() || ai.extra)
        out.push(`${where}: database has ${showIndex(ai)}, schema.prisma expects ${showIndex(ei)}`);
    }
    for (const ai of actIdx.values()) out.push(`${where}: ${showIndex(ai)} exists in the database but not in schema.prisma`);

    const actFk = new Map(act.foreignKeys.map((f) => [f.name, f]));
    for (const ef of exp.foreignKeys) {
      const af = actFk.get(ef.name);
      if (!af) {
        const sameCols = act.foreignKeys.find((f) => f.columns.join() === ef.columns.join());
        out.push(`${where}: ${showFk(ef)} missing in the database${sameCols ? ` (the database has ${showFk(sameCols)}: wrong name?)` : ''}`);
        continue;
      }
      actFk.delete(ef.name);
      if (showFk(af) !== showFk(ef)) out.push(`${where}: database has ${showFk(af)}, schema.prisma expects ${showFk(ef)}`);
    }
    for (const af of actFk.values()) out.push(`${where}: ${showFk(af)} exists in the database but not in schema.prisma`);
  }

  for (const name of actual.tables.keys()) {
    if (!expected.tables.has(name) && !ignore.has(name)) out.push(`table ${name}: exists in the database but not in schema.prisma`);
  }
  return out;
}

/** Everything in one call: [] when the database matches the schema text. */
export async function compareDatabaseWithSchema(db: Queryable, schemaText: string, opts?: DiffOptions): Promise<string[]> {
  return diffSchemas(expectedFromSchemaText(schemaText), await readDatabaseSchema(db), opts);
}
