import parsePrometheusTextFormat from 'parse-prometheus-text-format';

/** One sample line: `name{labels} value`. */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
}

export type PrometheusParse = { ok: true; samples: Sample[] } | { ok: false; error: string };

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;

/**
 * Parse the text exposition format into flat samples with the library, working around
 * three of its quirks (all seen in v1.1.1):
 *  - it drops the last line when the text does not end with a newline;
 *  - it rejects a HELP line with an empty docstring, which Micrometer (Spring) emits
 *    and the format allows; HELP text is of no use here, so those lines are removed;
 *  - for families typed histogram/summary it merges every label set into one object
 *    (last one wins per `le`) and drops labelled _count/_sum, which would lose all but one
 *    route's latency. Declaring those families untyped makes it return each _bucket,
 *    _count and _sum line as a plain sample, which is what we need to sum them ourselves.
 * It accepts some garbage without complaint (an HTML page parses as samples with odd
 * names), so every name and value is checked afterwards; one bad line fails the whole
 * scrape, as in Prometheus itself.
 */
export function parsePrometheusText(text: string): PrometheusParse {
  if (typeof text !== 'string') return { ok: false, error: 'body is not text' };
  const simple = parseSimpleExposition(text);
  if (simple) return { ok: true, samples: simple };
  return parseWithLibrary(text);
}

/** The library path alone; exported for the test that holds the fast path to it. */
export function parseWithLibrary(text: string): PrometheusParse {
  const prepared = `${text
    .replace(/^[ \t]*# HELP .*$/gm, '')
    .replace(/^([ \t]*# TYPE [^ \n]+ )(histogram|summary)[ \t\r]*$/gim, '$1untyped')}\n`;
  let families: ReturnType<typeof parsePrometheusTextFormat>;
  try {
    families = parsePrometheusTextFormat(prepared);
  } catch (e) {
    return { ok: false, error: e instanceof Error ? e.message : String(e) };
  }
  const samples: Sample[] = [];
  for (const family of families) {
    if (!METRIC_NAME.test(family.name)) return { ok: false, error: `invalid metric name "${shorten(family.name)}"` };
    for (const m of family.metrics) {
      const value = parseSampleValue(m.value);
      if (value === null) return { ok: false, error: `invalid value "${shorten(m.value ?? '')}" for ${family.name}` };
      samples.push({ name: family.name, labels: { ...(m.labels ?? {}) }, value });
    }
  }
  // The library silently skips lines it cannot name (a JSON body yields nothing at all).
  if (samples.length === 0 && text.split('\n').some((l) => l.trim() !== '' && !l.trim().startsWith('#'))) {
    return { ok: false, error: 'no valid samples found' };
  }
  return { ok: true, samples };
}

const TYPES = new Set(['counter', 'gauge', 'untyped', 'histogram', 'summary']);
const TYPE_LINE = /^# TYPE ([a-zA-Z_:][a-zA-Z0-9_:]*) ([a-zA-Z]+)$/;
// Characters that take the library path: escapes, tabs, CR and other line terminators.
const UNUSUAL = /[\\\t\r\u2028\u2029]/;
const EDGE_SPACE = /^\s|\s$/;

function isNameChar(c: number): boolean {
  // [a-zA-Z0-9_:]
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 58) || c === 95;
}

function isLabelNameChar(c: number): boolean {
  // [a-zA-Z0-9_]
  return (c >= 97 && c <= 122) || (c >= 65 && c <= 90) || (c >= 48 && c <= 57) || c === 95;
}

/**
 * The common, well-formed exposition parsed in one pass, with the result the
 * library path gives for it: samples in order, each with its own labels. Only a
 * strict subset is taken (single spaces, `name="value"` labels without escapes,
 * HELP/TYPE/plain comments, known TYPE words, valid names and values); for
 * anything else, including every error, it returns null and the library path
 * decides, so quirks and messages stay exactly as they were.
 */
function parseSimpleExposition(text: string): Sample[] | null {
  if (UNUSUAL.test(text)) return null;
  const samples: Sample[] = [];
  const len = text.length;
  // The library groups lines into families (a change of name starts one) and merges a sample
  // into the previous one of its family when their labels are equal: the last value wins.
  let family: string | null = null;
  let last: Sample | null = null;
  let pos = 0;
  while (pos < len) {
    let end = text.indexOf('\n', pos);
    if (end === -1) end = len;
    const start = pos;
    pos = end + 1;
    if (end === start) continue;
    const line = text.slice(start, end);
    if (EDGE_SPACE.test(line)) {
      if (line.trim() === '') continue;
      return null;
    }
    if (line.charCodeAt(0) === 35 /* # */) {
      if (line.startsWith('# HELP ')) continue;
      if (line.startsWith('# TYPE ')) {
        const m = TYPE_LINE.exec(line);
        if (!m || !TYPES.has(m[2].toLowerCase())) return null;
        if (m[1] !== family) {
          family = m[1];
          last = null;
        }
        continue;
      }
      if (line.charCodeAt(1) === 32) continue; // a plain comment
      return null;
    }
    const sample = parseSimpleSample(line);
    if (!sample) return null;
    if (sample.name !== family) {
      family = sample.name;
      last = null;
    }
    if (last && sameLabels(last.labels, sample.labels)) {
      last.value = sample.value;
      continue;
    }
    samples.push(sample);
    last = sample;
  }
  return samples.length > 0 ? samples : null;
}

function sameLabels(a: Record<string, string>, b: Record<string, string>): boolean {
  const keys = Object.keys(a);
  if (keys.length !== Object.keys(b).length) return false;
  for (const k of keys) if (!Object.hasOwn(b, k) || a[k] !== b[k]) return false;
  return true;
}

function parseSimpleSample(line: string): Sample | null {
  const len = line.length;
  let i = 0;
  const first = line.charCodeAt(0);
  if (!isNameChar(first) || (first >= 48 && first <= 57)) return null;
  while (i < len && isNameChar(line.charCodeAt(i))) i++;
  const name = line.slice(0, i);
  const labels: Record<string, string> = {};
  if (line.charCodeAt(i) === 123 /* { */) {
    i++;
    for (;;) {
      if (line.charCodeAt(i) === 125 /* } */) {
        i++;
        break;
      }
      const nameStart = i;
      const c0 = line.charCodeAt(i);
      if (!isLabelNameChar(c0) || (c0 >= 48 && c0 <= 57)) return null;
      while (i < len && isLabelNameChar(line.charCodeAt(i))) i++;
      const labelName = line.slice(nameStart, i);
      if (labelName === '__proto__' || line.charCodeAt(i) !== 61 /* = */ || line.charCodeAt(i + 1) !== 34 /* " */) return null;
      const valueStart = i + 2;
      const close = line.indexOf('"', valueStart);
      if (close === -1) return null;
      labels[labelName] = line.slice(valueStart, close);
      i = close + 1;
      const next = line.charCodeAt(i);
      if (next === 44 /* , */) i++;
      else if (next !== 125 /* } */) return null;
    }
  }
  if (line.charCodeAt(i) !== 32) return null;
  i++;
  let valueEnd = line.indexOf(' ', i);
  if (valueEnd === -1) valueEnd = len;
  if (valueEnd === i) return null;
  const value = parseSampleValue(line.slice(i, valueEnd));
  if (value === null) return null;
  return { name, labels, value };
}

/** Go's ParseFloat spellings used by exporters: NaN, +Inf, -Inf, plus ordinary numbers. */
export function parseSampleValue(raw: string | undefined): number | null {
  if (typeof raw !== 'string') return null;
  const t = raw.trim();
  // Ordinary numbers first: by far the most common.
  if (/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return Number(t);
  if (/^\+?inf(inity)?$/i.test(t)) return Infinity;
  if (/^-inf(inity)?$/i.test(t)) return -Infinity;
  if (/^nan$/i.test(t)) return NaN;
  return null;
}

function shorten(s: string): string {
  const flat = s.replace(/\s+/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 59)}…` : flat;
}
