'use client';

import Link from 'next/link';
import { ApiClientError } from '@/components/api/client';
import { formatDateTime, relativeTime } from '@/components/ui/time';
import type { PollerHealth } from '@/lib/dashboard/summary';
import { DASHBOARD_LATE_MS } from './keys';

// Never lie about freshness: say how old what is shown is, turn amber when the
// dashboard API fails or stalls, and shout when the poller itself has stopped.

interface DataState {
  /** When the shown data arrived (browser clock), 0 before it did. */
  updatedAt: number;
  error: Error | null;
  now: number;
}

export function isLate({ updatedAt, error, now }: DataState): boolean {
  return !!error || (updatedAt > 0 && now - updatedAt > DASHBOARD_LATE_MS);
}

function errorText(error: Error | null): string {
  if (!error) return 'no answer yet';
  if (error instanceof ApiClientError) {
    return error.message === `Request failed (${error.status})` ? `HTTP ${error.status}` : `HTTP ${error.status}: ${error.message}`;
  }
  return error.message;
}

/** "updated 2 s ago", amber when the last refresh failed or is late. */
export function UpdatedIndicator(props: DataState) {
  const { updatedAt, error, now } = props;
  if (!updatedAt) return null;
  const late = isLate(props);
  const when = relativeTime(new Date(updatedAt), Math.max(now, updatedAt));
  return (
    <p
      className={`inline-flex items-center gap-1.5 rounded-full border px-2.5 py-0.5 text-xs tabular-nums ${late ? 'border-degraded/50 bg-degraded/10 text-degraded' : 'border-line text-muted'}`}
      title={`Data from ${formatDateTime(new Date(updatedAt))}, refreshed every 3 s${late ? `. Last refresh failed: ${errorText(error)}` : ''}`}
      data-testid="updated"
      data-late={late || undefined}
    >
      <span aria-hidden className={late ? '' : 'text-up'}>{late ? '▲' : '●'}</span>
      {late ? `not refreshed · data from ${when}` : `updated ${when}`}
    </p>
  );
}

/** The dashboard API itself failing: the data stays, with a warning saying how old it is. */
export function ApiTroubleBanner(props: DataState) {
  const { updatedAt, error, now } = props;
  if (!isLate(props)) return null;
  if (error instanceof ApiClientError && error.status === 401) {
    return (
      <div role="alert" className="rounded-lg border border-degraded/50 bg-degraded/10 px-4 py-2.5 text-sm text-degraded">
        <span aria-hidden>▲ </span>Your session has ended, so the dashboard cannot refresh.{' '}
        <Link href="/signin" className="font-medium underline">Sign in again</Link>
      </div>
    );
  }
  return (
    <div role="alert" className="rounded-lg border border-degraded/50 bg-degraded/10 px-4 py-2.5 text-sm text-degraded" data-testid="api-trouble">
      <span aria-hidden>▲ </span>
      {updatedAt
        ? `The dashboard could not refresh (${errorText(error)}). What you see is from ${relativeTime(new Date(updatedAt), Math.max(now, updatedAt))} (${formatDateTime(new Date(updatedAt))}); retrying every 3 s.`
        : `The dashboard could not be loaded (${errorText(error)}); retrying every 3 s.`}
    </div>
  );
}

/** Loud: nothing polled for a while, so every status below may be old. */
export function PollerBanner({ poller, now }: { poller: PollerHealth; now: number }) {
  if (!poller.stopped) return null;
  const silence = poller.lastResultAt ? relativeTime(poller.lastResultAt, now).replace(/ ago$/, '') : null;
  return (
    <div role="alert" className="rounded-lg border-2 border-down/70 bg-down/15 px-4 py-3 text-sm text-fg" data-testid="poller-stopped">
      <p className="font-semibold text-down">
        <span aria-hidden>✖ </span>
        {silence
          ? `The poller has not recorded any result for ${silence} — statuses below may be out of date.`
          : 'The poller has not recorded any result yet — statuses below may be out of date.'}
      </p>
      <p className="mt-0.5 text-muted">
        {poller.activeWorkers === 0
          ? 'No poller worker has reported in the last 30 s: check that the console (POLLER_ENABLED) or `npm run worker` is running.'
          : `${poller.activeWorkers} worker${poller.activeWorkers === 1 ? ' is' : 's are'} alive but not recording results: look at their logs and the database.`}
        {poller.lastResultAt ? ` Last result: ${formatDateTime(poller.lastResultAt)}.` : ''}
      </p>
    </div>
  );
}
