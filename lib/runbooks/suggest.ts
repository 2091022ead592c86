import type { RunbookDef, Symptom } from './schema';

// Which runbooks an incident calls for: ranked by what the affected services
// show now (failing endpoint kinds, KPI breaches, a recent deploy) and by the
// incident's severity. Pure; lib/runbooks/store.ts gathers the signals.

export interface AffectedSignal {
  name: string;
  /** Endpoint kinds that are down or degraded right now. */
  failingKinds: string[];
  /** KPI names at warning or critical (errorRate, p95LatencyMs, cpu, memory, disk, …). */
  breaches: string[];
  /** A deploy of this service in the last hours. */
  recentDeploy?: boolean;
}

export interface SuggestContext {
  severity: 'P1' | 'P2' | 'P3';
  services: AffectedSignal[];
  /** Extra symptoms named by people (e.g. from the incident's title). */
  symptoms?: Symptom[];
}

export type SuggestInput = Pick<RunbookDef, 'slug' | 'title' | 'severityHint' | 'symptoms' | 'kinds' | 'services' | 'schedule'> & { id: string };

export interface RunbookSuggestion {
  id: string;
  slug: string;
  title: string;
  score: number;
  reasons: string[];
}

const KPI_SYMPTOM: Record<string, Symptom> = { errorRate: 'error-rate', p95LatencyMs: 'latency', cpu: 'resource', memory: 'resource', disk: 'resource' };

/** The symptoms the signals show. */
export function symptomsOf(ctx: SuggestContext): Set<Symptom> {
  const out = new Set<Symptom>(ctx.symptoms ?? []);
  for (const s of ctx.services) {
    for (const k of s.failingKinds) {
      if (k === 'health' || k === 'liveness' || k === 'readiness') out.add('down');
      if (k === 'migration') out.add('migration');
    }
    for (const b of s.breaches) if (KPI_SYMPTOM[b]) out.add(KPI_SYMPTOM[b]);
    if (s.recentDeploy) out.add('deploy');
  }
  return out;
}

const SYMPTOM_WORDS: Record<string, string> = { down: 'service down', 'error-rate': 'error rate high', latency: 'latency high', resource: 'resource breached', deploy: 'recent deploy', migration: 'migration not at head' };

export function suggestRunbooks(runbooks: SuggestInput[], ctx: SuggestContext, limit = 5): RunbookSuggestion[] {
  const symptoms = symptomsOf(ctx);
  const failingKinds = new Set(ctx.services.flatMap((s) => s.failingKinds));
  const names = new Set(ctx.services.map((s) => s.name.toLowerCase()));
  const out: RunbookSuggestion[] = [];
  for (const r of runbooks) {
    let score = 0;
    const reasons: string[] = [];
    const forService = (r.services ?? []).filter((n) => names.has(n.toLowerCase()));
    if (forService.length) {
      score += 4;
      reasons.push(`written for ${forService.join(', ')}`);
    }
    const matched = (r.symptoms ?? []).filter((s) => symptoms.has(s));
    if (matched.length) {
      score += 3 * matched.length;
      reasons.push(...matched.map((s) => SYMPTOM_WORDS[s] ?? s));
    }
    const kinds = (r.kinds ?? []).filter((k) => failingKinds.has(k));
    if (kinds.length) {
      score += 2 * kinds.length;
      reasons.push(`checks ${kinds.join(', ')}`);
    }
    // Routine (scheduled) checklists are not incident responses.
    if (r.schedule && !forService.length) continue;
    if (score === 0) continue;
    if (r.severityHint === ctx.severity) {
      score += 1;
      reasons.push(`meant for ${ctx.severity}`);
    }
    out.push({ id: r.id, slug: r.slug, title: r.title, score, reasons });
  }
  return out.sort((a, b) => b.score - a.score || a.title.localeCompare(b.title)).slice(0, limit);
}
