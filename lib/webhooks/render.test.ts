import { createHmac } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import { webhookEventsFor, type WebhookPayload } from './events';
import { renderBody, signBody, summaryLine } from './render';

const declared: WebhookPayload = {
  event: 'incident.declared',
  at: '2026-11-23T10:00:00.000Z',
  incident: { id: 'abc', number: 7, title: 'Checkout failing', severity: 'P1', status: 'investigating', url: '/incidents/abc' },
  data: { severity: 'P1' },
};

describe('webhook rendering', () => {
  it('json: the generic event with absolute links', () => {
    expect(JSON.parse(renderBody(declared, 'json', 'https://ops.example/'))).toEqual({ ...declared, incident: { ...declared.incident, url: 'https://ops.example/incidents/abc' } });
  });

  it('slack: a readable one-line summary and a block with the link', () => {
    const b = JSON.parse(renderBody(declared, 'slack', 'https://ops.example'));
    expect(b.text).toBe('[P1] Incident #7 “Checkout failing” declared (investigating)');
    expect(b.blocks[0].text.text).toContain('<https://ops.example/incidents/abc|Open in opsdeck>');
    expect(summaryLine({ ...declared, event: 'incident.severity_changed', data: { from: 'P2', to: 'P1', reason: 'all down' } })).toBe('[P1] Incident #7 “Checkout failing”: severity P2 → P1 (all down)');
    expect(
      summaryLine({ event: 'alert.opened', at: '', incident: null, data: { alert: { level: 'critical', message: 'health down' }, service: { name: 'api', environment: 'production' } } }),
    ).toBe('critical alert opened on api (production): health down');
  });

  it('signs with HMAC-SHA256 over the exact body', () => {
    expect(signBody('{"a":1}', 'k')).toBe(`sha256=${createHmac('sha256', 'k').update('{"a":1}').digest('hex')}`);
  });

  it('maps timeline events to webhook events', () => {
    expect(webhookEventsFor('declared', {})).toEqual(['incident.declared']);
    expect(webhookEventsFor('status', { to: 'resolved' })).toEqual(['incident.status_changed', 'incident.resolved']);
    expect(webhookEventsFor('status', { to: 'identified' })).toEqual(['incident.status_changed']);
    expect(webhookEventsFor('note', {})).toEqual([]);
  });
});
