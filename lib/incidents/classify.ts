import { byRank, type Severity, type SeverityLevel } from './policy';

// The guided classification: one yes/no question per level, most severe
// first. The first "yes" decides; "no" to everything gives the lowest level.

export type Answers = Partial<Record<Severity, boolean>>;

export interface Question {
  level: Severity;
  question: string;
  criteria: string;
}

export type ClassifyStep =
  | { done: false; next: Question; step: number; total: number }
  | { done: true; level: Severity; name: string; reason: string };

export function classify(levels: SeverityLevel[], answers: Answers): ClassifyStep {
  const ordered = byRank(levels);
  if (ordered.length === 0) throw new Error('the severity policy has no levels');
  const declined: SeverityLevel[] = [];
  for (const [i, l] of ordered.entries()) {
    const a = answers[l.level];
    if (a === undefined) return { done: false, next: { level: l.level, question: l.question, criteria: l.criteria }, step: i + 1, total: ordered.length };
    if (a) {
      const before = declined.length ? ` (not ${declined.map((d) => d.level).join(' or ')}: no to ${declined.length === 1 ? 'its question' : 'their questions'})` : '';
      return { done: true, level: l.level, name: l.name, reason: `${l.level} (${l.name}): yes to “${l.question}”${before}` };
    }
    declined.push(l);
  }
  const lowest = ordered[ordered.length - 1];
  return {
    done: true,
    level: lowest.level,
    name: lowest.name,
    reason: `${lowest.level} (${lowest.name}): no criterion matched, so the lowest level applies; check whether this needs an incident at all`,
  };
}
