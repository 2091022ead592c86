/** One cumulative bucket: how many observations were ≤ upperBound. */
export interface Bucket {
  upperBound: number;
  count: number;
}

/**
 * The φ-quantile of cumulative histogram buckets, computed the way Prometheus'
 * histogram_quantile does for classic histograms (promql/quantile.go, bucketQuantile), so
 * the numbers here match what the team sees in Grafana:
 *  - linear interpolation inside the bucket that holds the rank;
 *  - the lowest bucket starts at 0 (unless its bound is ≤ 0, then that bound is returned);
 *  - a rank in the +Inf bucket returns the highest finite bound;
 *  - NaN without a +Inf bucket, with fewer than two buckets, or with no observations.
 * Buckets with the same bound are merged and decreasing counts are lifted to keep the
 * sequence monotonic, as Prometheus does.
 */
export function bucketQuantile(q: number, input: Bucket[]): number {
  if (Number.isNaN(q)) return NaN;
  if (q < 0) return -Infinity;
  if (q > 1) return Infinity;
  const sorted = input
    .filter((b) => !Number.isNaN(b.upperBound) && Number.isFinite(b.count))
    .map((b) => ({ ...b }))
    .sort((a, b) => a.upperBound - b.upperBound);
  if (sorted.length === 0 || sorted[sorted.length - 1].upperBound !== Infinity) return NaN;

  const buckets = coalesce(sorted);
  correctPrecisionErrors(buckets, 1e-12);
  ensureMonotonic(buckets);
  if (buckets.length < 2) return NaN;

  const observations = buckets[buckets.length - 1].count;
  if (observations === 0) return NaN;
  let rank = q * observations;
  let b = buckets.findIndex((bucket, i) => i < buckets.length - 1 && bucket.count >= rank);
  if (b === -1) b = buckets.length - 1;

  if (b === buckets.length - 1) return buckets[buckets.length - 2].upperBound;
  if (b === 0 && buckets[0].upperBound <= 0) return buckets[0].upperBound;
  let start = 0;
  const end = buckets[b].upperBound;
  let count = buckets[b].count;
  if (b > 0) {
    start = buckets[b - 1].upperBound;
    count -= buckets[b - 1].count;
    rank -= buckets[b - 1].count;
  }
  return start + (end - start) * (rank / count);
}

function coalesce(sorted: Bucket[]): Bucket[] {
  const out: Bucket[] = [];
  for (const b of sorted) {
    const last = out[out.length - 1];
    if (last && last.upperBound === b.upperBound) last.count += b.count;
    else out.push({ ...b });
  }
  return out;
}

function correctPrecisionErrors(buckets: Bucket[], tolerance: number): void {
  let prev = buckets[0].count;
  for (let i = 1; i < buckets.length; i++) {
    const curr = buckets[i].count;
    const delta = Math.abs(curr - prev);
    if (delta === 0) continue;
    if (delta / curr <= tolerance) buckets[i].count = prev;
    else prev = curr;
  }
}

function ensureMonotonic(buckets: Bucket[]): void {
  let max = buckets[0].count;
  for (let i = 1; i < buckets.length; i++) {
    if (buckets[i].count > max) max = buckets[i].count;
    else if (buckets[i].count < max) buckets[i].count = max;
  }
}
