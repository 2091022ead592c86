import { describe, expect, it } from 'vitest';
import { bucketQuantile, type Bucket } from './histogram';

const h = (pairs: [number, number][]): Bucket[] => pairs.map(([upperBound, count]) => ({ upperBound, count }));
// 100 observations: 10 ≤ 0.1 s, 20 in (0.1, 0.25], 30 in (0.25, 0.5], 30 in (0.5, 1], 10 above 1 s.
const sample = h([[0.1, 10], [0.25, 30], [0.5, 60], [1, 90], [Infinity, 100]]);

describe('bucketQuantile (Prometheus histogram_quantile)', () => {
  it('interpolates linearly inside the bucket holding the rank', () => {
    // rank 50 falls in (0.25, 0.5]: 20 of that bucket's 30 → 0.25 + 0.25 × 20/30
    expect(bucketQuantile(0.5, sample)).toBeCloseTo(0.25 + 0.25 * (20 / 30), 12);
    // rank 80 falls in (0.5, 1]: 20 of 30 → 0.5 + 0.5 × 20/30
    expect(bucketQuantile(0.8, sample)).toBeCloseTo(0.5 + 0.5 * (20 / 30), 12);
    // rank 90 is exactly the top of (0.5, 1]
    expect(bucketQuantile(0.9, sample)).toBe(1);
  });

  it('interpolates the lowest bucket from 0', () => {
    // rank 5 of the first bucket's 10 → 0 + 0.1 × 5/10
    expect(bucketQuantile(0.05, sample)).toBeCloseTo(0.05, 12);
  });

  it('returns the highest finite bound when the rank falls in +Inf', () => {
    // rank 95 > 90, the count at le=1
    expect(bucketQuantile(0.95, sample)).toBe(1);
    expect(bucketQuantile(1, sample)).toBe(1);
  });

  it('returns the bound itself when the lowest bucket bound is ≤ 0', () => {
    expect(bucketQuantile(0.1, h([[0, 10], [1, 20], [Infinity, 20]]))).toBe(0);
  });

  it('does not depend on input order', () => {
    expect(bucketQuantile(0.5, [...sample].reverse())).toBeCloseTo(bucketQuantile(0.5, sample), 12);
  });

  it('merges duplicate bounds and lifts decreasing counts, as Prometheus does', () => {
    expect(bucketQuantile(0.5, h([[1, 5], [1, 5], [Infinity, 10]]))).toBeCloseTo(0.5, 12);
    // 0.5 → 8 is below 0.1 → 10, so it is lifted to 10; rank 10 is the top of the first bucket.
    expect(bucketQuantile(0.5, h([[0.1, 10], [0.5, 8], [Infinity, 20]]))).toBeCloseTo(0.1, 12);
  });

  it('is NaN without +Inf, with fewer than two buckets, or with no observations', () => {
    expect(bucketQuantile(0.95, h([[0.1, 1], [1, 2]]))).toBeNaN();
    expect(bucketQuantile(0.95, h([[Infinity, 5]]))).toBeNaN();
    expect(bucketQuantile(0.95, h([[0.1, 0], [Infinity, 0]]))).toBeNaN();
    expect(bucketQuantile(0.95, [])).toBeNaN();
  });

  it('handles out-of-range quantiles like Prometheus', () => {
    expect(bucketQuantile(-0.1, sample)).toBe(-Infinity);
    expect(bucketQuantile(1.1, sample)).toBe(Infinity);
    expect(bucketQuantile(NaN, sample)).toBeNaN();
  });
});
