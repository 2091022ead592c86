/**
 * Every migration applied to an empty database must give exactly the model in
 * prisma/schema.prisma (tables, columns, types, nullability, defaults, keys,
 * indexes, foreign keys, enums). When this fails, the message lists what to
 * fix, in the migration or in schema.prisma.
 */
import { readFileSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { migrate } from '../../lib/db/migrate';
import { MIGRATIONS_DIR, SCHEMA_FILE, createScratchDatabase, type ScratchDatabase } from './helpers/db';
import {
  compareDatabaseWithSchema,
  diffSchemas,
  expectedFromDatamodel,
  readDatabaseSchema,
  readDatamodel,
  relationMapsFromText,
  type ActualSchema,
  type Datamodel,
} from './helpers/schema-diff';
import { FIXTURE_SCHEMA, FIXTURE_SQL } from './helpers/schema-fixture';

const schemaText = readFileSync(SCHEMA_FILE, 'utf8');
const bullet = (diffs: string[]) => diffs.map((d) => `  - ${d}`).join('\n');

async function connect(url: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url });
  c.on('error', () => undefined);
  await c.connect();
  return c;
}

describe('prisma/migrations produce prisma/schema.prisma', () => {
  let db: ScratchDatabase;
  let client: pg.Client;
  let actual: ActualSchema;

  beforeAll(async () => {
    db = await createScratchDatabase();
    await migrate({ connectionString: db.url, migrationsDir: MIGRATIONS_DIR });
    client = await connect(db.url);
    actual = await readDatabaseSchema(client);
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
  });

  it('has no difference after applying every migration to an empty database', async () => {
    const diffs = await compareDatabaseWithSchema(client, schemaText);
    expect(diffs, `the migrations do not produce schema.prisma; fix the migration SQL or the schema:\n${bullet(diffs)}\n`).toEqual([]);
  });

  describe('self-check: the comparison really fails on a mismatch', () => {
    const diffFor = (mutate: (dm: Datamodel) => void) => {
      const dm = structuredClone(readDatamodel(schemaText));
      mutate(dm);
      return diffSchemas(expectedFromDatamodel(dm, relationMapsFromText(schemaText)), actual);
    };
    const tableOf = (m: Datamodel['models'][number]) => m.dbName ?? m.name;

    it('notices a field made optional', () => {
      let where = '';
      const diffs = diffFor((dm) => {
        for (const m of dm.models) {
          const f = m.fields.find((x) => x.kind === 'scalar' && x.isRequired && !x.isList && !x.isId);
          if (f) {
            f.isRequired = false;
            where = `${tableOf(m)}.${f.dbName ?? f.name}`;
            return;
          }
        }
      });
      expect(where).not.toBe('');
      expect(diffs).toEqual([expect.stringMatching(new RegExp(`^${where} .*NOT NULL in the database, schema.prisma expects nullable`))]);
    });

    it('notices a changed column type', () => {
      let where = '';
      const diffs = diffFor((dm) => {
        for (const m of dm.models) {
          const f = m.fields.find((x) => x.kind === 'scalar' && x.type === 'String' && !x.nativeType && !x.isList);
          if (f) {
            f.nativeType = ['VarChar', ['10']];
            where = `${tableOf(m)}.${f.dbName ?? f.name}`;
            return;
          }
        }
      });
      expect(diffs).toEqual([expect.stringMatching(new RegExp(`^${where} .*type is text in the database, schema.prisma expects character varying\\(10\\)`))]);
    });

    it('notices a missing index', () => {
      const m = readDatamodel(schemaText).models[0];
      const f = m.fields.find((x) => x.kind === 'scalar' && !x.isId)!;
      const diffs = diffFor((dm) => {
        dm.indexes.push({ model: m.name, type: 'normal', fields: [{ name: f.name }] });
      });
      const name = `${tableOf(m)}_${f.dbName ?? f.name}_idx`;
      expect(diffs).toEqual([expect.stringContaining(`index ${name} (${f.dbName ?? f.name}) missing in the database`)]);
    });

    it('notices a different ON DELETE action', () => {
      let fk = '';
      const diffs = diffFor((dm) => {
        for (const m of dm.models) {
          const f = m.fields.find((x) => x.kind === 'object' && x.relationFromFields?.length);
          if (f) {
            f.relationOnDelete = f.relationOnDelete === 'SetDefault' ? 'NoAction' : 'SetDefault';
            fk = `${tableOf(m)}_`;
            return;
          }
        }
      });
      expect(fk).not.toBe('');
      expect(diffs).toEqual([expect.stringMatching(/database has foreign key .* ON DELETE \w+.*, schema\.prisma expects foreign key .* ON DELETE (SET DEFAULT|NO ACTION)/)]);
    });

    it('notices an enum value the database lacks', () => {
      const diffs = diffFor((dm) => {
        dm.enums[0].values.push({ name: 'self_check_value', dbName: null });
      });
      expect(diffs).toEqual([expect.stringMatching(/^enum ".+": values are \[.*\] in the database, schema\.prisma has \[.*self_check_value\]/)]);
    });

    it('notices a table the schema does not declare', () => {
      const last = readDatamodel(schemaText).models.at(-1)!;
      const diffs = diffFor((dm) => {
        dm.models = dm.models.filter((m) => m.name !== last.name);
        dm.indexes = dm.indexes.filter((i) => i.model !== last.name);
        for (const m of dm.models) m.fields = m.fields.filter((f) => f.type !== last.name);
      });
      expect(diffs).toContain(`table ${tableOf(last)}: exists in the database but not in schema.prisma`);
    });

    it('notices a model missing from the database (schema text altered)', async () => {
      const altered = `${schemaText}\nmodel SelfCheckExtra {\n  id   Int    @id @default(autoincrement())\n  note String\n\n  @@map("self_check_extra")\n}\n`;
      const diffs = await compareDatabaseWithSchema(client, altered);
      expect(diffs).toEqual(['table self_check_extra (SelfCheckExtra): missing in the database']);
    });

    it('notices database-side drift (changes rolled back afterwards)', async () => {
      const dm = readDatamodel(schemaText);
      const m = dm.models[0];
      const table = tableOf(m);
      const f = m.fields.find((x) => x.kind === 'scalar' && x.isRequired && !x.isList && !x.isId)!;
      const column = f.dbName ?? f.name;
      await client.query('BEGIN');
      try {
        await client.query(`ALTER TABLE "${table}" ADD COLUMN "self_check_extra" integer`);
        await client.query(`ALTER TABLE "${table}" ALTER COLUMN "${column}" DROP NOT NULL`);
        await client.query(`CREATE INDEX "self_check_idx" ON "${table}" ("${column}")`);
        await client.query(`CREATE TABLE "self_check_stray" (id int)`);
        const diffs = await compareDatabaseWithSchema(client, schemaText);
        expect(diffs).toEqual(
          expect.arrayContaining([
            `${table}.self_check_extra: column exists in the database but not in schema.prisma (model ${m.name})`,
            expect.stringMatching(new RegExp(`^${table}\\.${column} .*nullable in the database, schema.prisma expects NOT NULL`)),
            expect.stringContaining(`index self_check_idx (${column}) exists in the database but not in schema.prisma`),
            'table self_check_stray: exists in the database but not in schema.prisma',
          ]),
        );
        expect(diffs).toHaveLength(4);
      } finally {
        await client.query('ROLLBACK');
      }
      expect(await compareDatabaseWithSchema(client, schemaText)).toEqual([]);
    });
  });
});

describe('the comparer understands what the schema will grow into (fixture)', () => {
  let db: ScratchDatabase;
  let client: pg.Client;
  let dir: string;

  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'opsdeck-fixture-'));
    await mkdir(path.join(dir, '20990101000000_fixture'));
    await writeFile(path.join(dir, '20990101000000_fixture', 'migration.sql'), FIXTURE_SQL);
    db = await createScratchDatabase();
    await migrate({ connectionString: db.url, migrationsDir: dir });
    client = await connect(db.url);
  });
  afterAll(async () => {
    await client?.end();
    await db?.drop();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('matches Prisma-generated SQL: composite keys, lists, enums, defaults, m2m, truncated names', async () => {
    const diffs = await compareDatabaseWithSchema(client, FIXTURE_SCHEMA);
    expect(diffs, bullet(diffs)).toEqual([]);
  });

  const cases: [label: string, edits: [from: string, to: string][], expected: RegExp][] = [
    ['composite unique column order', [['@@unique([tenant, email])', '@@unique([email, tenant])']], /unique index owners_email_tenant_key \(email, tenant\) missing in the database/],
    ['composite primary key order', [['@@id([serviceId, startsAt])', '@@id([startsAt, serviceId])']], /primary key is maintenance_windows_pkey \(service_id, starts_at\) in the database, schema.prisma expects maintenance_windows_pkey \(starts_at, service_id\)/],
    ['Float default', [['Float      @default(1.5)', 'Float      @default(2.5)']], /services\.weight \(Service\.weight\): default should be 2\.5, database has 1\.5/],
    ['list default', [['String[]   @default([])', 'String[]   @default(["x"])']], /services\.tags .*default should be \["x"\]/],
    ['enum list type', [['Severity[] @default([info, critical])', 'Severity']], /services\.levels .*type is enum "severity"\[\] in the database, schema.prisma expects enum "severity"/],
    ['Int vs BigInt', [['hits      BigInt', 'hits      Int   ']], /services\.hits .*type is bigint in the database, schema.prisma expects integer/],
    ['Json default', [['@default("{}")', '@default("[]")']], /services\.meta .*default should be \[\]/],
    ['timestamp precision', [['@db.Timestamptz(6)', '@db.Timestamptz(3)']], /services\.checked_at .*type is timestamp\(6\) with time zone in the database, schema.prisma expects timestamp\(3\) with time zone/],
    ['ON UPDATE action', [['onDelete: Cascade, onUpdate: NoAction', 'onDelete: Cascade, onUpdate: Cascade']], /database has foreign key mw_service_fk .*ON UPDATE NO ACTION, schema.prisma expects .*ON UPDATE CASCADE/],
    ['custom FK name', [['map: "mw_service_fk"', 'map: "mw_service_fkey2"']], /foreign key mw_service_fkey2 .* missing in the database \(the database has foreign key mw_service_fk /],
    ['index sort order', [['createdAt(sort: Desc)', 'createdAt']], /database has index services_name_created_at_idx \(name, created_at DESC\), schema.prisma expects index services_name_created_at_idx \(name, created_at\)/],
    ['index method', [['@@index([meta], type: Gin)', '@@index([meta], type: Hash)']], /database has index services_meta_idx USING gin \(meta\), schema.prisma expects index services_meta_idx USING hash \(meta\)/],
    ['mapped enum value', [['critical @map("CRITICAL")', 'critical']], /enum "severity": values are \[info, warning, CRITICAL\] in the database, schema.prisma has \[info, warning, critical\]/],
    ['implicit many-to-many', [['  labels    Label[]\n', ''], ['  services Service[]\n}', '}']], /table _LabelToService: exists in the database but not in schema.prisma/],
  ];
  it.each(cases)('notices a changed %s', async (_label, edits, expected) => {
    let altered = FIXTURE_SCHEMA;
    for (const [from, to] of edits) {
      expect(altered).toContain(from);
      altered = altered.replace(from, to);
    }
    const diffs = await compareDatabaseWithSchema(client, altered);
    expect(diffs).toEqual(expect.arrayContaining([expect.stringMatching(expected)]));
  });
});
