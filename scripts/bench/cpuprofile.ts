/**
 * Summarises a V8 CPU profile (node:inspector Profiler or --cpu-prof): top
 * self-time functions, self time by file / package, inclusive time of the
 * project's functions, and the callers of a few hot native frames.
 *
 *   npx tsx scripts/bench/cpuprofile.ts some.cpuprofile [top]
 */
import fs from 'node:fs';
import type { Profiler } from 'node:inspector';
import path from 'node:path';
import { fmt } from './common';

const ROOT = process.cwd();

function fileOf(url: string, fn: string): string {
  if (!url) return fn.startsWith('(') ? fn : '(native/builtin)';
  let u = url.replace(/^file:\/\//, '');
  if (u.startsWith('node:')) return `node:${u.slice(5).split('/').slice(0, 2).join('/')}`;
  const nm = u.lastIndexOf('/node_modules/');
  if (nm >= 0) {
    const rest = u.slice(nm + '/node_modules/'.length).split('/');
    return `npm:${rest[0].startsWith('@') ? `${rest[0]}/${rest[1]}` : rest[0]}`;
  }
  if (u.startsWith(ROOT)) u = path.relative(ROOT, u);
  return u;
}

export function analyseProfile(profile: Profiler.Profile, TOP = 30) {
  const nodes = new Map<number, Profiler.ProfileNode>();
  const parent = new Map<number, number>();
  for (const n of profile.nodes) {
    nodes.set(n.id, n);
    for (const c of n.children ?? []) parent.set(c, n.id);
  }
  const key = (n: Profiler.ProfileNode) => {
    const cf = n.callFrame;
    const where = cf.url ? `${fileOf(cf.url, cf.functionName)}:${cf.lineNumber + 1}` : '';
    return `${cf.functionName || '(anonymous)'} ${where}`.trim();
  };
  const samples = profile.samples ?? [];
  const total = samples.length;
  const self = new Map<string, number>();
  const byFile = new Map<string, number>();
  const incl = new Map<string, number>();
  for (const id of samples) {
    const n = nodes.get(id)!;
    const k = key(n);
    self.set(k, (self.get(k) ?? 0) + 1);
    const f = fileOf(n.callFrame.url, n.callFrame.functionName);
    byFile.set(f, (byFile.get(f) ?? 0) + 1);
    const seen = new Set<string>();
    for (let cur: number | undefined = id; cur !== undefined; cur = parent.get(cur)) {
      const cn = nodes.get(cur)!;
      const ck = key(cn);
      if (seen.has(ck)) continue;
      seen.add(ck);
      incl.set(ck, (incl.get(ck) ?? 0) + 1);
    }
  }
  // Who calls the hottest native / library frames (PROFILE_CALLERS=name,name).
  const callersOf = (process.env.PROFILE_CALLERS ?? 'writeLatin1String,(garbage collector),parse,createAbortSignal,stringify').split(',');
  const callers = new Map<string, Map<string, number>>();
  for (const id of samples) {
    const n = nodes.get(id)!;
    const fn = n.callFrame.functionName || '(anonymous)';
    if (!callersOf.includes(fn)) continue;
    // first caller frame outside node internals, and the project frame above it
    const chain: string[] = [];
    for (let cur = parent.get(id); cur !== undefined && chain.length < 3; cur = parent.get(cur)) {
      const cn = nodes.get(cur)!;
      if (!cn.callFrame.url || cn.callFrame.url.startsWith('node:')) continue;
      chain.push(key(cn));
    }
    const m = callers.get(fn) ?? new Map<string, number>();
    const ck = chain.join(' < ') || '(none)';
    m.set(ck, (m.get(ck) ?? 0) + 1);
    callers.set(fn, m);
  }
  // Where the time goes, by stage: the nearest frame (leaf first) that names a stage.
  const STAGES: [string, RegExp][] = [
    ['writer (results → SQL)', /lib\/scheduler\/writer\.ts/],
    ['claim (SQL → endpoints)', /lib\/scheduler\/claim\.ts|handleDataRow|parseRow|npm:postgres-date|npm:pg-types/],
    ['normalize', /lib\/probes\/normalize\//],
    ['alerts', /lib\/alerts\//],
    ['state', /lib\/scheduler\/state\.ts/],
    ['metrics (prom-client)', /npm:prom-client|lib\/scheduler\/metrics\.ts|lib\/metrics\//],
    ['http (fetch.ts + undici)', /lib\/probes\/http\/|npm:undici|wasm:/],
    ['pg driver (other)', /npm:pg|npm:pg-protocol|npm:pg-pool/],
    ['poller (schedule, run, complete)', /lib\/scheduler\/(poller|semaphore)\.ts/],
    ['profiler script', /scripts\/bench\//],
  ];
  const stages = new Map<string, number>();
  for (const id of samples) {
    let stage: string | null = null;
    for (let cur: number | undefined = id; cur !== undefined && stage === null; cur = parent.get(cur)) {
      const cn = nodes.get(cur)!;
      const where = `${fileOf(cn.callFrame.url, cn.callFrame.functionName)} ${cn.callFrame.functionName}`;
      for (const [name, re] of STAGES) {
        if (re.test(where)) {
          stage = name;
          break;
        }
      }
    }
    const leaf = nodes.get(id)!.callFrame.functionName;
    stage ??= leaf.startsWith('(') ? leaf : `other: ${fileOf(nodes.get(id)!.callFrame.url, leaf)}`;
    stages.set(stage, (stages.get(stage) ?? 0) + 1);
  }
  const pct = (v: number) => `${fmt((v / total) * 100, 1).padStart(5)} %`;
  const sorted = (m: Map<string, number>) => [...m.entries()].sort((a, b) => b[1] - a[1]);
  console.log(`\n== By stage (nearest stage frame from the leaf; ${total} samples)`);
  for (const [k, v] of sorted(stages).slice(0, 25)) console.log(`${pct(v)}  ${k}`);
  console.log(`\n== Top ${TOP} self time (${total} samples)`);
  for (const [k, v] of sorted(self).slice(0, TOP)) console.log(`${pct(v)}  ${k}`);
  console.log('\n== Self time by file / package');
  for (const [k, v] of sorted(byFile).slice(0, 40)) console.log(`${pct(v)}  ${k}`);
  console.log('\n== Inclusive time, project code (lib/, scripts/)');
  for (const [k, v] of sorted(incl)
    .filter(([k]) => / (lib|scripts)\//.test(k))
    .slice(0, 40))
    console.log(`${pct(v)}  ${k}`);
  for (const [fn, m] of callers) {
    console.log(`\n== Callers of ${fn}`);
    for (const [k, v] of sorted(m).slice(0, 6)) console.log(`${pct(v)}  ${k}`);
  }
  console.log('\n== Inclusive time, selected library entry points');
  for (const [k, v] of sorted(incl)
    .filter(([k]) => /npm:(pg|pg-protocol|undici|prom-client|zod|parse-prometheus-text-format)\b/.test(k) || /^(JSON\.|stringify|parse) /.test(k))
    .slice(0, 25))
    console.log(`${pct(v)}  ${k}`);
}

if (process.argv[1] && path.resolve(process.argv[1]) === path.resolve(import.meta.filename)) {
  const file = process.argv[2];
  if (!file) {
    console.error('usage: tsx scripts/bench/cpuprofile.ts <file.cpuprofile> [top]');
    process.exit(2);
  }
  analyseProfile(JSON.parse(fs.readFileSync(file, 'utf8')) as Profiler.Profile, Number(process.argv[3] ?? 30));
}
