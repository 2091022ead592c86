'use client';

import { formatDateTime, relativeTime } from '@/components/ui/time';
import { useNow } from './useNow';

/** "12 s ago", live; the exact time on hover. Server and browser clocks differ by a moment, hence suppressHydrationWarning. */
export function Ago({ iso, never = 'never', everyMs = 1_000 }: { iso: string | null; never?: string; everyMs?: number }) {
  const now = useNow(everyMs);
  if (!iso) return <span className="text-muted">{never}</span>;
  return (
    <time dateTime={iso} title={formatDateTime(iso)} suppressHydrationWarning>
      {relativeTime(iso, now)}
    </time>
  );
}
