import { UPTIME_WINDOWS, type UptimeWindow } from '@/lib/charts/types';
import { formatUptime } from './format';

const LABEL: Record<UptimeWindow, string> = { '24h': 'Uptime 24 h', '7d': 'Uptime 7 days', '30d': 'Uptime 30 days' };

/** Three figures: share of checks that were not down, over 24 h, 7 and 30 days. */
export function UptimeFigures({ uptime }: { uptime: Record<UptimeWindow, number | null> | undefined }) {
  return (
    <dl data-testid="uptime" className="grid grid-cols-3 gap-3">
      {UPTIME_WINDOWS.map((w) => {
        const v = uptime?.[w] ?? null;
        return (
          <div key={w} className="card px-3 py-2">
            <dt className="text-xs text-muted">{LABEL[w]}</dt>
            <dd className="font-mono text-xl tabular-nums" data-window={w}>
              {uptime === undefined ? <span className="text-muted">…</span> : formatUptime(v)}
              {uptime !== undefined && v === null ? <span className="ml-2 align-middle font-sans text-xs text-muted">no checks</span> : null}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}
