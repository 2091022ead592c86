// The vocabulary of outbound webhooks: the events an endpoint may subscribe
// to, and the generic payload every delivery carries. Types and pure
// functions only, so the UI can import it.

export const WEBHOOK_EVENTS = [
  'incident.declared',
  'incident.severity_changed',
  'incident.status_changed',
  'incident.resolved',
  'alert.opened',
  'alert.resolved',
] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** Sent by "Send test"; not subscribable, delivered even to a disabled webhook. */
export const TEST_EVENT = 'webhook.test';

export const WEBHOOK_FORMATS = ['json', 'slack'] as const;
export type WebhookFormat = (typeof WEBHOOK_FORMATS)[number];

export const EVENT_LABELS: Record<WebhookEvent, string> = {
  'incident.declared': 'Incident declared',
  'incident.severity_changed': 'Severity changed',
  'incident.status_changed': 'Status changed',
  'incident.resolved': 'Incident resolved',
  'alert.opened': 'Alert opened',
  'alert.resolved': 'Alert resolved',
};

export interface IncidentRefPayload {
  id: string;
  number: number;
  title: string;
  severity: string;
  status: string;
  /** Path of the incident in the console; made absolute when sent if a base URL is known. */
  url: string;
}

/** The generic event (the `json` format sends exactly this, with absolute URLs). */
export interface WebhookPayload {
  event: string;
  at: string;
  incident: IncidentRefPayload | null;
  data: Record<string, unknown>;
}

/** Which webhook events a timeline event of the given type raises. */
export function webhookEventsFor(type: string, data: Record<string, unknown> | undefined): WebhookEvent[] {
  switch (type) {
    case 'declared':
      return ['incident.declared'];
    case 'severity':
      return ['incident.severity_changed'];
    case 'status':
      return data?.to === 'resolved' ? ['incident.status_changed', 'incident.resolved'] : ['incident.status_changed'];
    default:
      return [];
  }
}
