import { describe, expect, it } from 'vitest';
import { fillStatusUpdate, missingUpdateFields } from './template';

const ctx = { number: 42, title: ' Checkout errors ', severity: 'P2' as const, status: 'identified' as const, now: new Date('2026-11-23T14:05:00Z') };

describe('status update template', () => {
  it('fills every part, with the time of the next update', () => {
    const text = fillStatusUpdate({ affected: 'Checkout in production; about 8 % of payments fail.', doing: 'Rolling back release 1.4.2.', nextUpdateMinutes: 30, workaround: 'Retry the payment after a minute.' }, ctx);
    expect(text).toBe(
      [
        'Incident #42 · P2 · Identified: Checkout errors',
        'Affected: Checkout in production; about 8 % of payments fail.',
        'What we are doing: Rolling back release 1.4.2.',
        'Workaround: Retry the payment after a minute.',
        'Next update: in 30 min (by 14:35 UTC).',
      ].join('\n'),
    );
  });

  it('leaves out an empty workaround and can promise news instead of a time', () => {
    const text = fillStatusUpdate({ affected: 'Search', doing: 'Investigating', nextUpdateMinutes: null, workaround: '  ' }, ctx);
    expect(text).not.toContain('Workaround');
    expect(text.split('\n').at(-1)).toBe('Next update: as soon as there is news.');
  });

  it('names the fields still missing', () => {
    expect(missingUpdateFields({ affected: ' ', doing: 'x' })).toEqual(['affected']);
    expect(missingUpdateFields({})).toEqual(['affected', 'doing']);
    expect(missingUpdateFields({ affected: 'a', doing: 'b' })).toEqual([]);
  });
});
