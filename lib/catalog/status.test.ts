import { describe, expect, it } from 'vitest';
import { endpointFreshStatus, serviceStatus, type EndpointStatusInput } from './status';

const NOW = new Date('2026-03-01T12:00:00Z');
const ago = (s: number) => new Date(NOW.getTime() - s * 1000);
const ep = (over: Partial<EndpointStatusInput> = {}): EndpointStatusInput => ({
  enabled: true,
  status: 'up',
  lastCheckedAt: ago(10),
  intervalSeconds: 30,
  ...over,
});

describe('endpointFreshStatus', () => {
  it('is the stored status while fresh', () => {
    for (const status of ['up', 'degraded', 'down'] as const) expect(endpointFreshStatus(ep({ status }), NOW)).toBe(status);
  });
  it('is unknown when never checked', () => {
    expect(endpointFreshStatus(ep({ lastCheckedAt: null, status: 'down' }), NOW)).toBe('unknown');
  });
  it('is unknown when disabled', () => {
    expect(endpointFreshStatus(ep({ enabled: false, status: 'down' }), NOW)).toBe('unknown');
  });
  it('stays fresh up to exactly two intervals, stale after', () => {
    expect(endpointFreshStatus(ep({ lastCheckedAt: ago(60) }), NOW)).toBe('up');
    expect(endpointFreshStatus(ep({ lastCheckedAt: ago(61) }), NOW)).toBe('unknown');
    expect(endpointFreshStatus(ep({ lastCheckedAt: ago(61), intervalSeconds: 60 }), NOW)).toBe('up');
  });
  it('accepts ISO strings and epoch ms (API objects, tests)', () => {
    expect(endpointFreshStatus(ep({ lastCheckedAt: ago(5).toISOString(), status: 'degraded' }), NOW.getTime())).toBe('degraded');
    expect(endpointFreshStatus(ep({ lastCheckedAt: 'not a date' }), NOW)).toBe('unknown');
  });
});

describe('serviceStatus', () => {
  it('is unknown with no endpoints or none enabled', () => {
    expect(serviceStatus([], NOW)).toBe('unknown');
    expect(serviceStatus([ep({ enabled: false })], NOW)).toBe('unknown');
  });
  it('is the worst enabled endpoint', () => {
    expect(serviceStatus([ep(), ep({ status: 'degraded' })], NOW)).toBe('degraded');
    expect(serviceStatus([ep({ status: 'degraded' }), ep({ status: 'down' }), ep()], NOW)).toBe('down');
    expect(serviceStatus([ep(), ep()], NOW)).toBe('up');
  });
  it('ignores disabled endpoints, even down ones', () => {
    expect(serviceStatus([ep(), ep({ enabled: false, status: 'down' })], NOW)).toBe('up');
  });
  it('a stale endpoint makes an otherwise up service unknown, but never hides a confirmed problem', () => {
    expect(serviceStatus([ep(), ep({ lastCheckedAt: ago(3600) })], NOW)).toBe('unknown');
    expect(serviceStatus([ep({ status: 'down' }), ep({ lastCheckedAt: null })], NOW)).toBe('down');
  });
});
