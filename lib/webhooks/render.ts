import { createHmac } from 'node:crypto';
import type { WebhookFormat, WebhookPayload } from './events';

// Rendering a stored event for one receiver, and signing it. Pure functions.

export const SIGNATURE_HEADER = 'X-Opsdeck-Signature';

/** `sha256=<hex>` of the exact body bytes under the secret. */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}

function absolute(path: string, baseUrl: string | undefined): string {
  if (!baseUrl || /^https?:\/\//.test(path)) return path;
  return `${baseUrl.replace(/\/+$/, '')}${path.startsWith('/') ? '' : '/'}${path}`;
}

export function withAbsoluteUrls(p: WebhookPayload, baseUrl: string | undefined): WebhookPayload {
  const data = { ...p.data };
  const service = data.service as Record<string, unknown> | undefined;
  if (service && typeof service.url === 'string') data.service = { ...service, url: absolute(service.url, baseUrl) };
  return { ...p, incident: p.incident ? { ...p.incident, url: absolute(p.incident.url, baseUrl) } : null, data };
}

const str = (v: unknown) => (v === null || v === undefined ? '' : String(v));

/** One readable line for chat. */
export function summaryLine(p: WebhookPayload): string {
  const i = p.incident;
  const d = p.data;
  const ref = i ? `[${i.severity}] Incident #${i.number} “${i.title}”` : '';
  switch (p.event) {
    case 'incident.declared':
      return `${ref} declared (${i?.status})`;
    case 'incident.severity_changed':
      return `${ref}: severity ${str(d.from)} → ${str(d.to)}${d.reason ? ` (${str(d.reason)})` : ''}`;
    case 'incident.status_changed':
      return `${ref}: ${str(d.from)} → ${str(d.to)}`;
    case 'incident.resolved':
      return `${ref} resolved`;
    case 'alert.opened':
    case 'alert.resolved': {
      const a = (d.alert ?? {}) as Record<string, unknown>;
      const s = (d.service ?? {}) as Record<string, unknown>;
      const where = `${str(s.name)} (${str(s.environment)})`;
      return p.event === 'alert.opened' ? `${str(a.level)} alert opened on ${where}: ${str(a.message)}` : `Alert resolved on ${where}: ${str(a.message)}`;
    }
    default:
      return str(d.message) || `${p.event} from opsdeck`;
  }
}

/** The request body for a receiver of the given format. */
export function renderBody(payload: WebhookPayload, format: WebhookFormat, baseUrl?: string): string {
  const p = withAbsoluteUrls(payload, baseUrl);
  if (format === 'json') return JSON.stringify(p);
  const line = summaryLine(p);
  const link = p.incident?.url ?? ((p.data.service as Record<string, unknown> | undefined)?.url as string | undefined);
  const linked = link && /^https?:\/\//.test(link) ? `${line} <${link}|Open in opsdeck>` : line;
  return JSON.stringify({
    text: line,
    blocks: [{ type: 'section', text: { type: 'mrkdwn', text: linked } }],
  });
}
