'use client';

import { formatDateTime, relativeTime } from '@/components/ui/time';
import { useNow } from './useNow';

/**
 * "12 s ago" against a given clock; the exact time on hover. Server and browser
 * clocks differ by a moment, hence suppressHydrationWarning.
 */
export function TimeAgo({ iso, now, never = 'never' }: { iso: string | null; now: number; never?: string }) {
  if (!iso) return <span className="text-muted">{never}</span>;
  return (
    <time dateTime={iso} title={formatDateTime(iso)} suppressHydrationWarning>
      {relativeTime(iso, now)}
    </time>
  );
}

/** TimeAgo with its own ticking clock; in long lists tick once with useNow and use TimeAgo. */
export function Ago({ iso, never, everyMs = 1_000 }: { iso: string | null; never?: string; everyMs?: number }) {
  const now = useNow(everyMs);
  return <TimeAgo iso={iso} now={now} never={never} />;
}
