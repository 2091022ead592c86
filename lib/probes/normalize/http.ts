import type { Status } from '@/lib/probes/types';

// A handful of reason phrases so error texts read "HTTP 503 Service Unavailable"
// without importing node:http into code that may also be bundled for the browser.
const REASONS: Record<number, string> = {
  400: 'Bad Request',
  401: 'Unauthorized',
  403: 'Forbidden',
  404: 'Not Found',
  405: 'Method Not Allowed',
  408: 'Request Timeout',
  410: 'Gone',
  429: 'Too Many Requests',
  500: 'Internal Server Error',
  501: 'Not Implemented',
  502: 'Bad Gateway',
  503: 'Service Unavailable',
  504: 'Gateway Timeout',
};

export function isSuccess(code: number): boolean {
  return Number.isInteger(code) && code >= 200 && code <= 299;
}

export function httpLabel(code: number): string {
  if (!Number.isInteger(code) || code <= 0) return 'no valid HTTP status';
  const reason = REASONS[code];
  return reason ? `HTTP ${code} ${reason}` : `HTTP ${code}`;
}

/**
 * What the HTTP status alone says. 429 is only degraded: the service answers, it is
 * shedding load. Redirects count as down because probes do not follow them and a
 * health URL that redirects (often to a login page) is not being checked at all.
 */
export function statusFromHttp(code: number): Status {
  if (isSuccess(code)) return 'up';
  if (code === 429) return 'degraded';
  return 'down';
}
