import { isRecord } from './text';

export type PathSegment = string | number;

/**
 * The subset of JSONPath that configuring a KPI needs: `$.queue.depth`, `queue.depth`,
 * `workers[0].busy`, `$['odd key'].x`. No wildcards or filters: a KPI is one number.
 * Returns null for a path it cannot read, so a typo is reported rather than guessed at.
 */
export function parseJsonPath(path: string): PathSegment[] | null {
  if (typeof path !== 'string') return null;
  let rest = path.trim();
  if (rest.startsWith('$')) rest = rest.slice(1);
  else if (rest !== '' && !rest.startsWith('[')) rest = `.${rest}`;
  const segments: PathSegment[] = [];
  while (rest.length > 0) {
    let m: RegExpExecArray | null;
    if ((m = /^\.([^.[\]\s]+)/.exec(rest))) {
      segments.push(m[1]);
    } else if ((m = /^\[(\d+)\]/.exec(rest))) {
      segments.push(Number(m[1]));
    } else if ((m = /^\[(['"])((?:\\.|(?!\1).)*)\1\]/.exec(rest))) {
      segments.push(m[2].replace(/\\(.)/g, '$1'));
    } else {
      return null;
    }
    rest = rest.slice(m[0].length);
  }
  return segments.length > 0 ? segments : null;
}

export type PathLookup = { found: true; value: unknown } | { found: false };

export function readJsonPath(root: unknown, path: string): PathLookup {
  const segments = parseJsonPath(path);
  if (!segments) return { found: false };
  let node: unknown = root;
  for (const seg of segments) {
    if (Array.isArray(node)) {
      const index = typeof seg === 'number' ? seg : /^\d+$/.test(seg) ? Number(seg) : -1;
      if (index < 0 || index >= node.length) return { found: false };
      node = node[index];
    } else if (isRecord(node)) {
      // Own keys only: a path must never reach Object.prototype.
      const key = String(seg);
      if (!Object.hasOwn(node, key)) return { found: false };
      node = node[key];
    } else {
      return { found: false };
    }
  }
  return { found: true, value: node };
}

/** Numbers, and numbers sent as strings ("12.5"), become KPI values; anything else does not. */
export function toKpiNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value === 'string' && /^\s*[+-]?(\d+\.?\d*|\.\d+)(e[+-]?\d+)?\s*$/i.test(value)) {
    const n = Number(value);
    return Number.isFinite(n) ? n : null;
  }
  return null;
}
