import { describe, expect, it } from 'vitest';
import { response, springDown } from './__fixtures__/health-bodies';
import { normalizeLiveness, normalizeReadiness } from './readiness';

describe('readiness / liveness', () => {
  it.each(['ready', 'ok', 'alive', 'OK', 'Ready\n'])('2xx with text %j → up', (body) => {
    expect(normalizeReadiness(response(200, body))).toMatchObject({ status: 'up', error: null });
  });

  it.each(['ok', 'ready', 'up', 'pass', 'healthy', 'UP', 'Healthy'])('2xx with {status: %j} → up', (word) => {
    expect(normalizeReadiness(response(200, { status: word })).status).toBe('up');
  });

  it.each(['not_ready', 'fail', 'down', 'NOT READY', 'OUT_OF_SERVICE'])('2xx with {status: %j} → down', (word) => {
    const r = normalizeReadiness(response(200, { status: word }));
    expect(r.status).toBe('down');
    expect(r.error).toBe(`reported status: ${word}`);
  });

  it('503 → down, whatever the body', () => {
    expect(normalizeReadiness(response(503, { status: 'ready' }))).toMatchObject({
      status: 'down',
      error: 'HTTP 503 Service Unavailable: body says ready',
    });
    expect(normalizeReadiness(response(503, '')).error).toBe('HTTP 503 Service Unavailable');
  });

  it('other 5xx → down', () => {
    expect(normalizeLiveness(response(500, 'boom')).status).toBe('down');
    expect(normalizeLiveness(response(504, '')).status).toBe('down');
  });

  it('parses components the same way as health', () => {
    const r = normalizeReadiness(response(503, springDown));
    expect(r.summary.components?.length).toBe(5);
    expect(r.error).toMatch(/db: DOWN/);
  });

  it('an unreadable 2xx body is normal for a probe endpoint: up, no note', () => {
    const r = normalizeLiveness(response(200, 'Service is running since 2024-05-01'));
    expect(r).toEqual({ status: 'up', error: null, summary: { format: 'http-status' } });
  });

  it('a truncated body: HTTP decides, with a note', () => {
    const r = normalizeReadiness({ status: 200, headers: {}, body: 'x', truncated: true });
    expect(r).toMatchObject({ status: 'up', summary: { note: 'body truncated at 1 MiB' } });
  });
});
