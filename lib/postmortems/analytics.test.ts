import { describe, expect, it } from 'vitest';
import { actionItemsFlow, availability, incidentsByMonth, incidentsByService, monthsBack, responseTrend, toCsv, windowStart, type IncidentFact } from './analytics';
import { ANALYTICS_TABLE_NAMES, tableOf, type AnalyticsOut } from './analytics-tables';

const d = (s: string) => new Date(s);
const fact = (over: Partial<IncidentFact>): IncidentFact => ({ severity: 'P2', declaredAt: d('2026-11-10T10:00:00Z'), acknowledgedAt: null, resolvedAt: null, services: [], timeToDetectSeconds: null, ...over });

describe('months', () => {
  it('counts back calendar months across a year end', () => {
    expect(monthsBack(d('2027-02-15T00:00:00Z'), 4)).toEqual(['2026-11', '2026-12', '2027-01', '2027-02']);
    expect(windowStart(d('2027-02-15T00:00:00Z'), 4).toISOString()).toBe('2026-11-01T00:00:00.000Z');
  });
});

describe('incidents by month and service', () => {
  const api = { id: 'a', name: 'api' };
  const db = { id: 'b', name: 'db' };
  const facts = [
    fact({ severity: 'P1', declaredAt: d('2026-10-31T23:59:00Z'), services: [api, db] }),
    fact({ severity: 'P1', declaredAt: d('2026-11-01T00:00:00Z'), services: [api] }),
    fact({ severity: 'P3', declaredAt: d('2026-11-20T00:00:00Z') }),
    fact({ severity: 'P2', declaredAt: d('2026-06-01T00:00:00Z'), services: [db] }), // outside the months
  ];
  it('stacks severities per month, zero months included', () => {
    expect(incidentsByMonth(facts, ['2026-09', '2026-10', '2026-11'])).toEqual([
      { month: '2026-09', P1: 0, P2: 0, P3: 0, total: 0 },
      { month: '2026-10', P1: 1, P2: 0, P3: 0, total: 1 },
      { month: '2026-11', P1: 1, P2: 0, P3: 1, total: 2 },
    ]);
  });
  it('counts an incident once per service it touched, most first; none → "(no service)"', () => {
    expect(incidentsByService(facts).map((r) => [r.service, r.P1, r.P2, r.P3, r.total])).toEqual([
      ['api', 2, 0, 0, 2],
      ['db', 1, 1, 0, 2],
      ['(no service)', 0, 0, 1, 1],
    ]);
  });
});

describe('responseTrend', () => {
  it('means over the incidents that have each measure; never acknowledged ones are left out of MTTA', () => {
    const rows = responseTrend(
      [
        fact({ declaredAt: d('2026-11-02T10:00:00Z'), acknowledgedAt: d('2026-11-02T10:04:00Z'), resolvedAt: d('2026-11-02T11:00:00Z'), timeToDetectSeconds: 300 }),
        fact({ declaredAt: d('2026-11-03T10:00:00Z'), acknowledgedAt: null, resolvedAt: d('2026-11-03T12:00:00Z') }),
        fact({ declaredAt: d('2026-11-04T10:00:00Z'), acknowledgedAt: d('2026-11-04T10:10:00Z'), resolvedAt: null }),
      ],
      ['2026-10', '2026-11'],
    );
    expect(rows[0]).toEqual({ month: '2026-10', incidents: 0, mttaMinutes: null, acknowledged: 0, mttrMinutes: null, resolved: 0, mttdMinutes: null, detected: 0 });
    expect(rows[1]).toEqual({ month: '2026-11', incidents: 3, mttaMinutes: 7, acknowledged: 2, mttrMinutes: 90, resolved: 2, mttdMinutes: 5, detected: 1 });
  });
});

describe('availability and error budget', () => {
  it('99.9 % over 30 days allows 43.2 minutes; budget left follows the failed share', () => {
    const [bad, good, none] = availability(
      [
        { serviceId: 'g', name: 'good', environment: 'prod', checks: 100_000, failures: 50 }, // 0.05 % failed: half the budget
        { serviceId: 'b', name: 'bad', environment: 'prod', checks: 1000, failures: 2 }, // 0.2 %: twice the budget
        { serviceId: 'n', name: 'new', environment: 'prod', checks: 0, failures: 0 },
      ],
      99.9,
    );
    expect(good).toMatchObject({ service: 'good', availabilityPercent: 99.95, met: true, budgetMinutes: 43.2, spentMinutes: 21.6, budgetRemainingPercent: 50 });
    expect(bad).toMatchObject({ service: 'bad', availabilityPercent: 99.8, met: false, spentMinutes: 86.4, budgetRemainingPercent: -100 });
    expect(none).toMatchObject({ availabilityPercent: null, met: null, spentMinutes: null, budgetRemainingPercent: null });
  });
  it('exactly at target is met, with no budget left', () => {
    const [r] = availability([{ serviceId: 'x', name: 'x', environment: 'p', checks: 1000, failures: 10 }], 99);
    expect(r).toMatchObject({ met: true, budgetRemainingPercent: 0 });
  });
});

describe('actionItemsFlow', () => {
  it('opened and closed per month, and what was still open at each month end', () => {
    const rows = actionItemsFlow(
      [
        { createdAt: d('2026-10-05T00:00:00Z'), closedAt: d('2026-11-02T00:00:00Z') },
        { createdAt: d('2026-10-20T00:00:00Z'), closedAt: null },
        { createdAt: d('2026-11-30T23:59:59Z'), closedAt: d('2026-12-01T00:00:00Z') },
      ],
      ['2026-10', '2026-11', '2026-12'],
    );
    expect(rows).toEqual([
      { month: '2026-10', opened: 2, closed: 0, openAtEnd: 2 },
      { month: '2026-11', opened: 1, closed: 1, openAtEnd: 2 },
      { month: '2026-12', opened: 0, closed: 1, openAtEnd: 1 },
    ]);
  });
});

describe('CSV', () => {
  it('quotes commas, quotes and newlines; defuses formulas in text, not in numbers', () => {
    const csv = toCsv(
      [
        { label: 'Service', value: (r: { s: string; n: number | null }) => r.s },
        { label: 'Budget left (%)', value: (r) => r.n },
      ],
      [
        { s: 'api, "edge"', n: -12.5 },
        { s: '=HYPERLINK("x")', n: null },
        { s: 'two\nlines', n: 3 },
      ],
    );
    expect(csv).toBe('Service,Budget left (%)\r\n"api, ""edge""",-12.5\r\n"\'=HYPERLINK(""x"")",\r\n"two\nlines",3\r\n');
  });
  it('every analytics table has a header matching its columns', () => {
    const a: AnalyticsOut = { generatedAt: '', months: ['2026-11'], targetPercent: 99.9, windowDays: 30, incidentsByMonth: incidentsByMonth([], ['2026-11']), incidentsByService: [], responseTrend: responseTrend([], ['2026-11']), availability: [], actionItems: actionItemsFlow([], ['2026-11']) };
    for (const name of ANALYTICS_TABLE_NAMES) {
      const t = tableOf(name, a);
      const lines = toCsv(t.columns, t.rows).trimEnd().split('\r\n');
      expect(lines[0].split(',').length).toBe(t.columns.length);
      expect(lines.length).toBe(1 + t.rows.length);
    }
  });
});
