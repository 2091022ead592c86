import os from 'node:os';
import { randomBytes } from 'node:crypto';
import type pg from 'pg';
import { normalize } from '@/lib/probes/normalize';
import type { MetricsSnapshot } from '@/lib/probes/types';
import { createProber, type FetchOutcome } from '@/lib/probes/http/fetch';
import { decryptHeaders } from '@/lib/catalog/crypto';
import { desiredAlerts } from '@/lib/alerts/evaluate';
import { logger } from '@/lib/log';
import { claimDue, type ClaimedEndpoint } from './claim';
import { nextDueAt, nextEndpointState } from './state';
import { ResultWriter, type CompletedProbe } from './writer';
import { Semaphore } from './semaphore';
import { pollerMetrics } from './metrics';

export interface PollerOptions {
  pool: pg.Pool;
  workerId?: string;
  /** Probes in flight at once in this process. */
  concurrency?: number;
  /** PROBE_ALLOWLIST: link-local / metadata addresses that may be probed anyway. */
  allowlist?: string;
  /** Endpoints due within this many seconds are claimed early and started on time. */
  lookaheadSeconds?: number;
  claimIntervalMs?: number;
  maxBuffered?: number;
}

const LAG_SAMPLES = 20_000;
const WRITE_BATCH = 4_000;

function enqueueWhenDue(poller: Poller, ep: ClaimedEndpoint) {
  poller.enqueue(ep);
}

/**
 * The worker loop: claim due endpoints from Postgres (leases, SKIP LOCKED),
 * start each at its due time, probe with a hard timeout under a concurrency
 * limit, normalise, fold into the endpoint's state and alerts, and hand the
 * result to the batch writer. Any number of these may run, in one process or
 * on many machines: Postgres is the only coordinator.
 */
export class Poller {
  readonly workerId: string;
  private readonly pool: pg.Pool;
  private readonly prober: ReturnType<typeof createProber>;
  private readonly writer: ResultWriter;
  private readonly sem: Semaphore;
  private readonly lookahead: number;
  private readonly claimIntervalMs: number;
  private readonly maxScheduled: number;
  private claimTimer: NodeJS.Timeout | null = null;
  private heartbeatTimer: NodeJS.Timeout | null = null;
  private scheduled = 0;
  private claiming = false;
  private running = false;
  private killed = false;
  private claimFailures = 0;
  /** The last claim came back full: more endpoints are due than this worker holds. */
  private backlog = false;
  /** Free room (in endpoints) that triggers a claim before the next tick while there is a backlog. */
  private readonly refillAt: number;
  private readonly headerCache = new Map<string, Record<string, string>>();
  private readonly lags = new Float64Array(LAG_SAMPLES);
  /** Due endpoints waiting for a free slot, oldest first; entries before readyHead are taken. */
  private ready: ClaimedEndpoint[] = [];
  private readyHead = 0;
  private readonly metrics = { inFlight: pollerMetrics.inFlight(), lag: pollerMetrics.lag(), probes: pollerMetrics.probes() };
  private lagCount = 0;
  probesTotal = 0;

  constructor(opts: PollerOptions) {
    this.pool = opts.pool;
    this.workerId = opts.workerId ?? `${os.hostname()}:${process.pid}:${randomBytes(3).toString('hex')}`;
    const concurrency = opts.concurrency ?? 200;
    this.sem = new Semaphore(concurrency);
    // No tighter per-origin cap than the global one: a hanging path must not starve
    // the other endpoints of the same host.
    this.prober = createProber({ allowlist: opts.allowlist, maxConnectionsPerOrigin: concurrency });
    // Larger batches than the writer's default: each batch costs a few round trips, and under
    // load every round trip waits for a busy event loop.
    this.writer = new ResultWriter(this.pool, { workerId: this.workerId, maxBuffered: opts.maxBuffered, batchSize: WRITE_BATCH });
    this.lookahead = opts.lookaheadSeconds ?? 1;
    this.claimIntervalMs = opts.claimIntervalMs ?? 200;
    // Claimed-but-not-finished cap: a slow poller stops claiming instead of hoarding leases.
    this.maxScheduled = concurrency * 10;
    this.refillAt = Math.max(1, Math.floor(this.maxScheduled / 4));
  }

  start() {
    if (this.running) return;
    this.running = true;
    this.writer.start();
    this.claimTimer = setInterval(() => void this.claimTick(), this.claimIntervalMs);
    this.heartbeatTimer = setInterval(() => void this.heartbeat(), 10_000);
    void this.heartbeat();
    void this.claimTick();
    logger.info('poller started', { workerId: this.workerId });
  }

  async stop() {
    if (!this.running) return;
    this.running = false;
    if (this.claimTimer) clearInterval(this.claimTimer);
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    const deadline = Date.now() + 10_000;
    while (this.scheduled > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 50));
    await this.writer.stop();
    // Hand unfinished leases back so another worker need not wait for them to expire.
    await this.pool.query('UPDATE endpoints SET lease_owner = NULL, lease_until = NULL WHERE lease_owner = $1', [this.workerId]).catch(() => undefined);
    await this.pool.query('DELETE FROM poller_workers WHERE id = $1', [this.workerId]).catch(() => undefined);
    await this.prober.close();
    logger.info('poller stopped', { workerId: this.workerId, probes: this.probesTotal });
  }

  /**
   * Test hook that acts out a crash: stops at once, writes nothing more and
   * keeps its leases, which other workers may take only once they expire.
   */
  kill() {
    this.running = false;
    this.killed = true;
    if (this.claimTimer) clearInterval(this.claimTimer);
    if (this.heartbeatTimer) clearInterval(this.heartbeatTimer);
    this.writer.discard();
    void this.prober.close();
  }

  stats() {
    const n = Math.min(this.lagCount, LAG_SAMPLES);
    const sorted = Array.from(this.lags.subarray(0, n)).sort((a, b) => a - b);
    const q = (p: number) => (n ? sorted[Math.min(n - 1, Math.floor(p * n))] : 0);
    return {
      probes: this.probesTotal,
      persisted: this.writer.persistedTotal,
      dropped: this.writer.droppedTotal,
      buffered: this.writer.pending,
      inFlight: this.sem.inUse,
      scheduled: this.scheduled,
      lagMs: { p50: q(0.5), p99: q(0.99), max: n ? sorted[n - 1] : 0, samples: n },
    };
  }

  resetStats() {
    this.lagCount = 0;
  }

  private async claimTick() {
    if (!this.running || this.claiming) return;
    this.claiming = true;
    try {
      // Claim again at once while batches come back full: under load the
      // tick interval must not cap the rate. Those extra rounds wait for room
      // for a good share of the cap: every claim walks past the rows still
      // leased at the head of the due index, so many small claims cost the
      // database far more than a few large ones.
      for (let round = 0; round < 10 && this.running; round++) {
        const room = this.maxScheduled - this.scheduled;
        if (room <= 0 || (round > 0 && room < this.refillAt)) break;
        const limit = Math.min(room, 2_000);
        const claimed = await claimDue(this.pool, this.workerId, { lookaheadSeconds: this.lookahead, limit });
        if (this.claimFailures > 0) logger.info('poller: database reachable again', { afterFailures: this.claimFailures });
        this.claimFailures = 0;
        for (const ep of claimed) this.schedule(ep);
        this.backlog = claimed.length >= limit;
        if (!this.backlog) break;
      }
    } catch (e) {
      this.backlog = false;
      this.claimFailures++;
      if (this.claimFailures === 1 || this.claimFailures % 50 === 0) {
        logger.warn('poller: cannot claim endpoints', { error: (e as Error).message, failures: this.claimFailures });
      }
    } finally {
      this.claiming = false;
    }
  }

  private schedule(ep: ClaimedEndpoint) {
    this.scheduled++;
    const delay = ep.dueAt.getTime() - Date.now();
    if (delay > 0) setTimeout(enqueueWhenDue, delay, this, ep);
    else this.enqueue(ep);
  }

  /**
   * @internal (timer callback) Due now: start at once if a slot is free, else wait in line (in order).
   * A plain queue rather than one suspended async call and promise per waiting
   * endpoint: under load thousands wait, and each costs allocations and GC.
   */
  enqueue(ep: ClaimedEndpoint) {
    if (this.killed) {
      this.scheduled--;
      return;
    }
    if (this.sem.tryAcquire()) this.startProbe(ep);
    else this.ready.push(ep);
  }

  /** Holds a slot of the semaphore until the probe's outcome is in. */
  private startProbe(ep: ClaimedEndpoint) {
    let started: Date;
    let probing: Promise<FetchOutcome>;
    try {
      this.metrics.inFlight.set(this.sem.inUse);
      started = new Date();
      const lagMs = Math.max(0, started.getTime() - ep.dueAt.getTime());
      this.lags[this.lagCount++ % LAG_SAMPLES] = lagMs;
      this.metrics.lag.observe(lagMs / 1000);
      let headers: Record<string, string> | undefined;
      let headerError: string | null = null;
      try {
        headers = this.headersFor(ep);
      } catch (e) {
        headerError = `cannot decrypt the endpoint's headers (was ENCRYPTION_KEY changed?): ${(e as Error).message}`;
      }
      probing = headerError
        ? Promise.resolve<FetchOutcome>({ ok: false, error: headerError, errorCode: 'other', latencyMs: 0 })
        : this.prober.probe({ url: ep.url, headers, timeoutMs: ep.timeoutMs });
    } catch (e) {
      this.crashed(ep, e);
      this.release();
      this.scheduled--;
      this.drain();
      return;
    }
    // probe() never rejects.
    void probing.then((outcome) => this.finish(ep, started, outcome));
  }

  private finish(ep: ClaimedEndpoint, started: Date, outcome: FetchOutcome) {
    this.release();
    try {
      this.complete(ep, started, outcome);
    } catch (e) {
      this.crashed(ep, e);
    } finally {
      this.scheduled--;
    }
    this.drain();
    // Under a backlog, refill as soon as there is room rather than at the next tick.
    if (this.backlog && !this.claiming && this.maxScheduled - this.scheduled >= this.refillAt) void this.claimTick();
  }

  private release() {
    this.sem.release();
    this.metrics.inFlight.set(this.sem.inUse);
  }

  /** Starts waiting endpoints while slots are free. */
  private drain() {
    while (this.readyHead < this.ready.length && this.sem.tryAcquire()) {
      const ep = this.ready[this.readyHead];
      this.ready[this.readyHead++] = undefined as unknown as ClaimedEndpoint;
      if (this.readyHead === this.ready.length) {
        this.ready = [];
        this.readyHead = 0;
      }
      if (this.killed) {
        this.release();
        this.scheduled--;
        continue;
      }
      this.startProbe(ep);
    }
  }

  private crashed(ep: ClaimedEndpoint, e: unknown) {
    logger.error('poller: probe crashed', { endpointId: ep.id, error: (e as Error).message });
  }

  private headersFor(ep: ClaimedEndpoint): Record<string, string> | undefined {
    if (!ep.headersEnc) return undefined;
    let h = this.headerCache.get(ep.headersEnc);
    if (!h) {
      h = decryptHeaders(ep.headersEnc);
      if (this.headerCache.size > 10_000) this.headerCache.clear();
      this.headerCache.set(ep.headersEnc, h);
    }
    return h;
  }

  private complete(ep: ClaimedEndpoint, at: Date, outcome: FetchOutcome) {
    if (this.killed) return;
    let status: CompletedProbe['status'];
    let error: string | null;
    let summary: CompletedProbe['summary'] = null;
    let snapshot: MetricsSnapshot | undefined;
    let httpStatus: number | null = null;
    if (outcome.ok) {
      httpStatus = outcome.response.status;
      const n = normalize(ep.kind, outcome.response, {
        now: at.getTime(),
        previous: (ep.metricsSnapshot as MetricsSnapshot | null) ?? null,
        telemetryPaths: ep.telemetryPaths,
      });
      status = n.status;
      error = n.error;
      summary = n.summary;
      snapshot = n.snapshot;
    } else {
      status = outcome.errorCode === 'invalid_url' ? 'unknown' : 'down';
      error = outcome.error;
      httpStatus = outcome.httpStatus ?? null;
    }
    const now = new Date();
    const state = nextEndpointState(ep.state, { status, at }, ep.failuresBeforeDown);
    this.probesTotal++;
    this.metrics.probes.inc({ status });
    this.writer.push({
      endpointId: ep.id,
      serviceId: ep.serviceId,
      kind: ep.kind,
      at,
      status,
      httpStatus,
      latencyMs: Math.round(outcome.latencyMs),
      error,
      summary,
      state,
      nextDueAt: nextDueAt(ep.dueAt, ep.intervalSeconds, now),
      metricsSnapshot: snapshot,
      alerts: desiredAlerts({
        kind: ep.kind,
        status: state.status,
        failingSince: state.failingSince,
        error,
        kpis: summary?.kpis,
        thresholds: ep.thresholds,
        now,
      }),
    });
  }

  private async heartbeat() {
    await this.pool
      .query(
        `INSERT INTO poller_workers (id, hostname, pid, started_at, heartbeat_at, probes_total)
         VALUES ($1, $2, $3, now(), now(), $4)
         ON CONFLICT (id) DO UPDATE SET heartbeat_at = now(), probes_total = EXCLUDED.probes_total`,
        [this.workerId, os.hostname(), process.pid, this.probesTotal],
      )
      .catch(() => undefined);
  }

  /** Test hook: write everything buffered now. */
  flush() {
    return this.writer.flush();
  }
}
