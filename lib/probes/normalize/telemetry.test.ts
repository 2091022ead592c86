import { describe, expect, it } from 'vitest';
import { response } from './__fixtures__/health-bodies';
import { normalizeTelemetry } from './telemetry';

const snapshot = {
  queue: { depth: 1200, oldestAgeSeconds: '45.5' },
  workers: [{ busy: 7, total: 8 }],
  build: 'v2.3.1',
};
const paths = { queueDepth: '$.queue.depth', oldestAge: 'queue.oldestAgeSeconds', busyWorkers: 'workers[0].busy' };

describe('telemetry', () => {
  it('turns numbers (and numeric strings) at the configured paths into KPIs', () => {
    const r = normalizeTelemetry(response(200, snapshot), { now: 0, telemetryPaths: paths });
    expect(r).toEqual({
      status: 'up',
      error: null,
      summary: { format: 'json', kpis: { queueDepth: 1200, oldestAge: 45.5, busyWorkers: 7 } },
    });
  });

  it('lists missing and non-numeric paths in the note', () => {
    const r = normalizeTelemetry(response(200, snapshot), {
      now: 0,
      telemetryPaths: { ...paths, lag: '$.replication.lag', build: '$.build' },
    });
    expect(r.status).toBe('up');
    expect(r.summary.kpis).toEqual({ queueDepth: 1200, oldestAge: 45.5, busyWorkers: 7 });
    expect(r.summary.note).toBe('missing: lag ($.replication.lag); not numeric: build ($.build)');
  });

  it('says when no paths are configured', () => {
    expect(normalizeTelemetry(response(200, snapshot), { now: 0 }).summary.note).toBe('no telemetry paths configured');
  });

  it('a top-level status is judged like a health body', () => {
    const degraded = normalizeTelemetry(response(200, { status: 'degraded', queue: { depth: 9000 } }), {
      now: 0,
      telemetryPaths: { queueDepth: 'queue.depth' },
    });
    expect(degraded).toMatchObject({ status: 'degraded', error: 'reported status: degraded', summary: { kpis: { queueDepth: 9000 } } });
    expect(normalizeTelemetry(response(200, { status: 'ok' }), { now: 0, telemetryPaths: {} }).status).toBe('up');
    expect(normalizeTelemetry(response(200, { status: 'DOWN' }), { now: 0, telemetryPaths: {} }).status).toBe('down');
  });

  it('non-JSON → down with a clear error', () => {
    expect(normalizeTelemetry(response(200, 'queue depth: 12'), { now: 0, telemetryPaths: paths })).toEqual({
      status: 'down',
      error: 'telemetry: the response is not valid JSON',
      summary: {},
    });
  });

  it('non-2xx and truncated bodies → down', () => {
    expect(normalizeTelemetry(response(500, snapshot), { now: 0 }).error).toBe('HTTP 500 Internal Server Error');
    expect(normalizeTelemetry({ ...response(200, snapshot), truncated: true }, { now: 0 })).toEqual({
      status: 'down',
      error: 'response body larger than 1 MiB',
      summary: {},
    });
  });

  it('ignores KPI names that would touch the prototype', () => {
    const r = normalizeTelemetry(response(200, { a: 1 }), { now: 0, telemetryPaths: JSON.parse('{"__proto__":"a","ok":"a"}') });
    expect(r.summary.kpis).toEqual({ ok: 1 });
    expect(Object.getPrototypeOf(r.summary.kpis)).toBe(Object.prototype);
  });
});
