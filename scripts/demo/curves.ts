/**
 * Periodic piecewise-linear curves: the building block of the demo simulation.
 *
 * A curve gives a value at any time t (seconds since the simulation started) and
 * its running integral ∫₀ᵗ. Both are pure functions of t, so a Prometheus counter
 * built as `floor(rate × integral(t))` is monotonic (as long as the curve is never
 * negative) and reproducible: scraping at the same t twice gives the same numbers.
 */

export interface CurvePoint {
  /** Seconds into the period, 0 ≤ t ≤ period. */
  t: number;
  v: number;
}

interface Segment {
  t0: number;
  t1: number;
  v0: number;
  v1: number;
  /** ∫ over the whole segment. */
  area: number;
}

export class PeriodicCurve {
  private readonly segments: Segment[];
  private readonly periodArea: number;

  /**
   * @param points sorted by t, the first at t = 0; two points at the same t make a step.
   *   After the last point the value holds until the period ends, then the curve starts over.
   * @param period length of one cycle in seconds.
   */
  constructor(
    points: CurvePoint[],
    readonly period: number,
  ) {
    if (!(period > 0)) throw new Error('period must be positive');
    if (points.length === 0 || points[0].t !== 0) throw new Error('the first point must be at t = 0');
    const pts = [...points];
    const last = pts[pts.length - 1];
    if (last.t > period) throw new Error('a point lies beyond the period');
    if (last.t < period) pts.push({ t: period, v: last.v });
    this.segments = [];
    for (let i = 0; i + 1 < pts.length; i++) {
      const a = pts[i];
      const b = pts[i + 1];
      if (b.t < a.t) throw new Error('points must be sorted by t');
      if (b.t === a.t) continue; // a step
      this.segments.push({ t0: a.t, t1: b.t, v0: a.v, v1: b.v, area: ((b.t - a.t) * (a.v + b.v)) / 2 });
    }
    this.periodArea = this.segments.reduce((sum, s) => sum + s.area, 0);
  }

  /** A curve that never changes. */
  static constant(v: number): PeriodicCurve {
    return new PeriodicCurve([{ t: 0, v }], 1);
  }

  /** The value at t (t < 0 counts as 0). */
  at(t: number): number {
    const x = this.phase(t);
    const s = this.segmentAt(x);
    return s.v0 + ((s.v1 - s.v0) * (x - s.t0)) / (s.t1 - s.t0);
  }

  /** ∫₀ᵗ of the curve (0 for t ≤ 0). */
  integral(t: number): number {
    if (!(t > 0)) return 0;
    const cycles = Math.floor(t / this.period);
    const x = t - cycles * this.period;
    let area = cycles * this.periodArea;
    for (const s of this.segments) {
      if (x >= s.t1) {
        area += s.area;
        continue;
      }
      if (x > s.t0) {
        const vx = s.v0 + ((s.v1 - s.v0) * (x - s.t0)) / (s.t1 - s.t0);
        area += ((x - s.t0) * (s.v0 + vx)) / 2;
      }
      break;
    }
    return area;
  }

  private phase(t: number): number {
    if (!(t > 0)) return 0;
    return t - Math.floor(t / this.period) * this.period;
  }

  private segmentAt(x: number): Segment {
    for (const s of this.segments) if (x < s.t1) return s;
    return this.segments[this.segments.length - 1];
  }
}

/** Standard normal CDF (Abramowitz & Stegun 7.1.26, error < 1.5e-7). */
export function normalCdf(z: number): number {
  const x = Math.abs(z) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * x);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erf = 1 - poly * Math.exp(-x * x);
  return z >= 0 ? (1 + erf) / 2 : (1 - erf) / 2;
}

/**
 * A log-normal latency distribution given by its median and 95th percentile, in
 * seconds: request latencies have that long right tail.
 */
export class LogNormalLatency {
  private readonly mu: number;
  private readonly sigma: number;

  constructor(
    readonly median: number,
    readonly p95: number,
  ) {
    if (!(median > 0) || !(p95 > median)) throw new Error('need 0 < median < p95');
    this.mu = Math.log(median);
    this.sigma = Math.log(p95 / median) / 1.6448536;
  }

  /** Share of requests that took at most x seconds. */
  cdf(x: number): number {
    if (x === Infinity) return 1;
    if (!(x > 0)) return 0;
    return normalCdf((Math.log(x) - this.mu) / this.sigma);
  }

  get mean(): number {
    return Math.exp(this.mu + (this.sigma * this.sigma) / 2);
  }
}
