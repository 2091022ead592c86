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

/** Go's ParseFloat spellings used by exporters: NaN, +Inf, -Inf, plus ordinary numbers. */
export function parseSampleValue(raw: string | undefined): number | null {
  if (typeof raw !== 'string') return null;
  const t = raw.trim();
  if (/^\+?inf(inity)?$/i.test(t)) return Infinity;
  if (/^-inf(inity)?$/i.test(t)) return -Infinity;
  if (/^nan$/i.test(t)) return NaN;
  if (!/^[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?$/i.test(t)) return null;
  return Number(t);
}

function shorten(s: string): string {
  const flat = s.replace(/\s+/g, ' ');
  return flat.length > 60 ? `${flat.slice(0, 59)}…` : flat;
}
