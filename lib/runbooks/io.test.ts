import { describe, expect, it } from 'vitest';
import { loadBuiltins } from './builtin';
import { detectFormat, formatIssue, parseRunbookText, toMarkdown, toYaml } from './io';

const GOOD = `slug: restart-api
title: Restart the API
severityHint: P2
guardrails:
  - Do not restart both replicas at once.
steps:
  - key: check
    type: verify
    title: Health is up
    verify: { kind: health, condition: up }
  - key: how
    type: decision
    title: Which replica?
    branches:
      - { key: a, label: Replica A }
      - { key: b, label: Replica B }
  - key: restart-a
    type: command
    title: Restart A
    command: systemctl restart api-a
    when: { step: how, is: [a] }
`;

describe('parseRunbookText', () => {
  it('reads a good YAML file', () => {
    const r = parseRunbookText(GOOD);
    expect(r.ok).toBe(true);
    if (r.ok) expect(r.def.steps.map((s) => s.key)).toEqual(['check', 'how', 'restart-a']);
  });

  it('refuses a bad file with the line and the reason', () => {
    const bad = GOOD.replace('verify: { kind: health, condition: up }', 'verify: { kind: health, condition: sideways }');
    const r = parseRunbookText(bad);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.issues[0]).toMatchObject({ path: 'steps.0.verify.condition', line: 10 });
      expect(formatIssue(r.issues[0])).toMatch(/^line 10: steps\.0\.verify\.condition: condition must be one of up, not_down/);
    }
  });

  it('names the line of cross-step errors and of YAML syntax errors', () => {
    const r = parseRunbookText(GOOD.replace('is: [a]', 'is: [c]'));
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.issues[0]).toMatchObject({ path: 'steps.2.when.is.0', line: 21, message: '"c" is not a branch of "how" (branches: a, b)' });
    const y = parseRunbookText('slug: x\ntitle: [unclosed\nsteps: []\n');
    expect(y.ok).toBe(false);
    if (!y.ok) expect(y.issues[0].line).toBeGreaterThanOrEqual(2);
    const dup = parseRunbookText(GOOD.replace('key: restart-a', 'key: check'));
    if (!dup.ok) expect(dup.issues.map((i) => i.message)).toContain('Step key "check" is used twice');
    else throw new Error('duplicate keys accepted');
  });

  it('refuses missing fields per step type and unknown fields', () => {
    const r = parseRunbookText('slug: x\ntitle: X\nsteps:\n  - key: a\n    type: command\n    title: A\n  - key: b\n    type: decision\n    title: B\n    branches: [{ key: only, label: Only }]\n  - key: c\n    type: manual\n    title: C\n    colour: red\n');
    expect(r.ok).toBe(false);
    if (!r.ok) {
      const byPath = Object.fromEntries(r.issues.map((i) => [i.path, i]));
      expect(byPath['steps.0.command']).toMatchObject({ line: 4 });
      expect(byPath['steps.1.branches'].message).toBe('A decision needs at least two branches');
      expect(r.issues.some((i) => i.path.startsWith('steps.2') && i.line === 11)).toBe(true);
    }
  });

  it('reads Markdown front matter, keeps the body, and counts lines from the top of the file', () => {
    const md = `---\n${GOOD}---\n\n# Notes\n\nLong description.\n`;
    expect(detectFormat(md)).toBe('markdown');
    const r = parseRunbookText(md);
    expect(r.ok && r.def.body).toBe('# Notes\n\nLong description.');
    const bad = parseRunbookText(md.replace('title: Restart A', 'title: ""'));
    expect(!bad.ok && bad.issues[0]).toMatchObject({ path: 'steps.2.title', line: 20 });
  });
});

describe('round trip', () => {
  it('YAML and Markdown exports read back to the same definition', () => {
    const r = parseRunbookText(GOOD);
    if (!r.ok) throw new Error('fixture invalid');
    const withBody = { ...r.def, body: 'Some *markdown*.' };
    for (const text of [toYaml(withBody), toMarkdown(withBody)]) {
      const back = parseRunbookText(text);
      expect(back.ok && back.def).toEqual(withBody);
    }
  });
});

describe('built-in runbooks', () => {
  it('every file in lib/runbooks/builtin is a valid runbook named after its slug', async () => {
    const files = await loadBuiltins();
    expect(files.length).toBeGreaterThan(0);
    expect(files.filter((f) => !f.def)).toEqual([]);
    const rollback = files.find((f) => f.def?.slug === 'rollback')?.def;
    // The e2e walks its app-only branch to a readiness verification.
    expect(rollback?.steps.find((s) => s.key === 'scope')?.branches?.map((b) => b.key)).toContain('app');
    expect(rollback?.steps.some((s) => s.verify?.kind === 'readiness' && s.when?.is.includes('app'))).toBe(true);
  });
});
