import { describe, expect, it } from 'vitest';
import { suggestRunbooks, symptomsOf, type SuggestInput } from './suggest';

const rb = (slug: string, over: Partial<SuggestInput> = {}): SuggestInput => ({ id: slug, slug, title: slug, ...over });
const catalog = [
  rb('api-down', { symptoms: ['down'], kinds: ['health', 'readiness'], severityHint: 'P1' }),
  rb('rollback', { symptoms: ['deploy', 'error-rate', 'migration'], kinds: ['readiness', 'migration'], severityHint: 'P2' }),
  rb('high-error-rate', { symptoms: ['error-rate'], kinds: ['metrics'], severityHint: 'P2' }),
  rb('daily-checks', { symptoms: ['routine', 'down'], schedule: 'daily' }),
  rb('checkout-special', { services: ['checkout'] }),
  rb('dr', { symptoms: ['dr'] }),
];

describe('suggestRunbooks', () => {
  it('derives symptoms from failing kinds, breaches and deploys', () => {
    expect([...symptomsOf({ severity: 'P2', services: [{ name: 'a', failingKinds: ['readiness', 'migration'], breaches: ['p95LatencyMs', 'disk'], recentDeploy: true }] })].sort()).toEqual(['deploy', 'down', 'latency', 'migration', 'resource']);
  });

  it('ranks a down service towards api-down, an error-rate spike after a deploy towards rollback', () => {
    const down = suggestRunbooks(catalog, { severity: 'P1', services: [{ name: 'api', failingKinds: ['readiness'], breaches: [] }] });
    expect(down[0]).toMatchObject({ slug: 'api-down', reasons: ['service down', 'checks readiness', 'meant for P1'] });
    expect(down.map((s) => s.slug)).not.toContain('daily-checks');
    expect(down.map((s) => s.slug)).not.toContain('dr');

    const deploy = suggestRunbooks(catalog, { severity: 'P2', services: [{ name: 'api', failingKinds: [], breaches: ['errorRate'], recentDeploy: true }] });
    expect(deploy.map((s) => s.slug)).toEqual(['rollback', 'high-error-rate']);
  });

  it('puts a runbook written for the affected service forward', () => {
    const s = suggestRunbooks(catalog, { severity: 'P3', services: [{ name: 'Checkout', failingKinds: [], breaches: [] }] });
    expect(s).toEqual([{ id: 'checkout-special', slug: 'checkout-special', title: 'checkout-special', score: 4, reasons: ['written for checkout'] }]);
  });

  it('suggests nothing without signals', () => {
    expect(suggestRunbooks(catalog, { severity: 'P2', services: [] })).toEqual([]);
  });
});
