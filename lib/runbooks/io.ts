import { isNode, LineCounter, parseDocument, stringify, type Document } from 'yaml';
import { canonical, validateRunbook, type DefIssue, type RunbookDef } from './schema';

// Runbook files: YAML, or Markdown with the definition as YAML front matter and
// an optional free Markdown body (the long description). Reading reports each
// problem with the line it is on; writing produces what reading accepts.

export type RunbookFormat = 'yaml' | 'markdown';

export type ParseResult = { ok: true; def: RunbookDef } | { ok: false; issues: DefIssue[] };

const FRONT_MATTER = /^---[ \t]*\r?\n([\s\S]*?)\r?\n---[ \t]*(?:\r?\n|$)([\s\S]*)$/;

/** Markdown when the text starts with a front-matter fence, else YAML. */
export function detectFormat(text: string): RunbookFormat {
  return FRONT_MATTER.test(text.replace(/^\uFEFF/, '')) ? 'markdown' : 'yaml';
}

function lineOfPath(doc: Document, counter: LineCounter, path: (string | number)[], lineOffset: number): number | undefined {
  // The deepest node that exists along the path (a missing field points at its parent).
  for (let n = path.length; n >= 0; n--) {
    const node = n === 0 ? doc.contents : doc.getIn(path.slice(0, n), true);
    if (isNode(node) && node.range) return counter.linePos(node.range[0]).line + lineOffset;
  }
  return undefined;
}

function parseYamlText(text: string, lineOffset: number, body?: string): ParseResult {
  const counter = new LineCounter();
  const doc = parseDocument(text, { lineCounter: counter, prettyErrors: false, uniqueKeys: true });
  if (doc.errors.length) {
    return {
      ok: false,
      issues: doc.errors.map((e) => {
        const line = e.linePos?.[0]?.line ?? (e.pos ? counter.linePos(e.pos[0]).line : undefined);
        return { path: '(yaml)', line: line === undefined ? undefined : line + lineOffset, message: e.message.split('\n')[0] };
      }),
    };
  }
  const value = doc.toJS({ maxAliasCount: 50 }) as unknown;
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    return { ok: false, issues: [{ path: '(root)', line: 1 + lineOffset, message: 'A runbook file holds one mapping (slug, title, steps, …)' }] };
  }
  const withBody = body?.trim() ? { ...(value as Record<string, unknown>), body: body.trim() } : value;
  const v = validateRunbook(withBody);
  if (v.ok) return { ok: true, def: canonical(v.def) };
  return { ok: false, issues: v.issues.map((issue, i) => ({ ...issue, line: lineOfPath(doc, counter, v.paths[i], lineOffset) })) };
}

/** Reads a YAML or Markdown runbook file; every problem comes with its line (1-based) where one can be named. */
export function parseRunbookText(text: string, format: RunbookFormat = detectFormat(text)): ParseResult {
  const src = text.replace(/^\uFEFF/, '');
  if (!src.trim()) return { ok: false, issues: [{ path: '(root)', line: 1, message: 'The file is empty' }] };
  if (format === 'markdown') {
    const m = FRONT_MATTER.exec(src);
    if (!m) return { ok: false, issues: [{ path: '(front matter)', line: 1, message: 'A Markdown runbook starts with YAML front matter between two --- lines' }] };
    // Front matter starts on line 2 of the file.
    return parseYamlText(m[1], 1, m[2]);
  }
  return parseYamlText(src, 0);
}

/** One issue as a person reads it: "line 12: steps.3.verify: …". */
export function formatIssue(i: DefIssue): string {
  return `${i.line ? `line ${i.line}: ` : ''}${i.path}: ${i.message}`;
}

export function toYaml(def: RunbookDef): string {
  return stringify(canonical(def), { lineWidth: 0, blockQuote: 'literal' });
}

/** The definition as front matter (without the body), the body as the Markdown after it. */
export function toMarkdown(def: RunbookDef): string {
  const { body, ...rest } = canonical(def);
  const head = stringify(rest, { lineWidth: 0, blockQuote: 'literal' });
  return `---\n${head}---\n${body ? `\n${body}\n` : ''}`;
}
