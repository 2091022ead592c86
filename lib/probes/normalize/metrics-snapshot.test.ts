import { describe, expect, it } from 'vitest';
import { buildSnapshot, canonicalLe, isServerError, readStoredSnapshot } from './metrics-snapshot';
import type { Sample } from './prometheus';

const s = (name: string, value: number, labels: Record<string, string> = {}): Sample => ({ name, value, labels });

describe('buildSnapshot', () => {
  it('prefers http_requests_total over a histogram _count', () => {
    const snap = buildSnapshot(
      [s('http_request_duration_seconds_count', 5), s('http_requests_total', 7, { status: '500' }), s('http_requests_total', 3, { status: '200' })],
      1,
    );
    expect(snap.requests).toEqual({ family: 'http_requests_total', total: 10, errors5xx: 7 });
  });

  it('reports errors5xx null when the counter has no status label', () => {
    expect(buildSnapshot([s('http_requests_total', 7, { path: '/' })], 1).requests?.errors5xx).toBeNull();
  });

  it('sums buckets across label sets under one canonical le', () => {
    const snap = buildSnapshot(
      [
        s('http_request_duration_seconds_bucket', 1, { le: '1.0', route: 'a' }),
        s('http_request_duration_seconds_bucket', 2, { le: '1', route: 'b' }),
        s('http_request_duration_seconds_bucket', 4, { le: '+Inf', route: 'a' }),
        s('http_request_duration_seconds_bucket', 5, { le: '+Inf', route: 'b' }),
      ],
      1,
    );
    expect(snap.latency?.buckets).toEqual({ '1': 3, '+Inf': 9 });
  });

  it('prefers an http latency histogram over another duration histogram', () => {
    const snap = buildSnapshot(
      [s('db_query_duration_seconds_bucket', 1, { le: '+Inf' }), s('http_server_requests_seconds_bucket', 2, { le: '+Inf' })],
      1,
    );
    expect(snap.latency?.family).toBe('http_server_requests_seconds');
  });

  it('ignores NaN samples', () => {
    expect(buildSnapshot([s('process_cpu_seconds_total', NaN)], 1).processCpuSeconds).toBeUndefined();
  });
});

describe('isServerError', () => {
  it.each([
    [{ code: '503' }, true], [{ code: '200' }, false], [{ status: '5xx' }, true], [{ status_code: '500' }, true],
    [{ http_status_code: '502' }, true], [{ http_response_status_code: '504' }, true], [{ outcome: 'SERVER_ERROR' }, true],
    [{ outcome: 'CLIENT_ERROR' }, false], [{ method: 'GET' }, null],
  ])('%j → %s', (labels, expected) => {
    expect(isServerError(labels)).toBe(expected);
  });
});

describe('canonicalLe / readStoredSnapshot', () => {
  it('canonicalises le spellings', () => {
    expect(['1', '1.0', '1e0', '+Inf', 'Inf', 'x'].map(canonicalLe)).toEqual(['1', '1', '1', '+Inf', '+Inf', null]);
  });

  it('accepts what buildSnapshot produced after a JSON round trip and rejects anything else', () => {
    const snap = buildSnapshot([s('http_requests_total', 3, { code: '200' }), s('node_cpu_seconds_total', 9, { cpu: '0', mode: 'idle' })], 5);
    expect(readStoredSnapshot(JSON.parse(JSON.stringify(snap)))).toEqual(snap);
    expect(readStoredSnapshot(null)).toBeNull();
    expect(readStoredSnapshot({ v: 1, at: 5, requests: { family: 'x', total: 'many', errors5xx: null } })).toBeNull();
  });
});
