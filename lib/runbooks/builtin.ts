import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { SYSTEM_ACTOR } from '@/lib/auth/actor';
import { seedBuiltin } from './catalog';
import { formatIssue, parseRunbookText } from './io';
import type { RunbookDef } from './schema';

// The built-in runbooks ship as lib/runbooks/builtin/<slug>.yaml. They are
// validated like any import and seeded at start-up and by `npm run db:migrate`.

export function builtinDir(): string {
  return process.env.OPSDECK_BUILTIN_RUNBOOKS_DIR ?? path.join(process.cwd(), 'lib', 'runbooks', 'builtin');
}

export interface BuiltinFile {
  file: string;
  def?: RunbookDef;
  errors?: string[];
}

/** Every built-in file, parsed and validated; a bad file carries its errors (line and reason). */
export async function loadBuiltins(dir = builtinDir()): Promise<BuiltinFile[]> {
  let names: string[];
  try {
    names = (await readdir(dir)).filter((n) => /\.(ya?ml|md)$/.test(n)).sort();
  } catch {
    return [];
  }
  const out: BuiltinFile[] = [];
  for (const n of names) {
    const r = parseRunbookText(await readFile(path.join(dir, n), 'utf8'), n.endsWith('.md') ? 'markdown' : 'yaml');
    if (r.ok && r.def.slug !== n.replace(/\.(ya?ml|md)$/, '')) out.push({ file: n, errors: [`slug "${r.def.slug}" does not match the file name`] });
    else out.push(r.ok ? { file: n, def: r.def } : { file: n, errors: r.issues.map(formatIssue) });
  }
  return out;
}

export interface SeedReport {
  created: string[];
  updated: string[];
  unchanged: number;
  invalid: { file: string; errors: string[] }[];
}

/** Idempotent: a built-in gets a new version only when its file changed. A bad file is reported and skipped. */
export async function seedBuiltinRunbooks(dir = builtinDir()): Promise<SeedReport> {
  const report: SeedReport = { created: [], updated: [], unchanged: 0, invalid: [] };
  for (const f of await loadBuiltins(dir)) {
    if (!f.def) {
      report.invalid.push({ file: f.file, errors: f.errors ?? [] });
      continue;
    }
    const r = await seedBuiltin(f.def, SYSTEM_ACTOR);
    if (r === 'created') report.created.push(f.def.slug);
    else if (r === 'updated') report.updated.push(f.def.slug);
    else report.unchanged++;
  }
  return report;
}
