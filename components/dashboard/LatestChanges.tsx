'use client';

import Link from 'next/link';
import { memo } from 'react';
import type { Change } from '@/lib/dashboard/query';
import { STATUS_META } from '@/components/ui/StatusBadge';
import { formatDateTime } from '@/components/ui/time';
import { ago, CHANGE_ICON } from './format';

/** Status changes and deploys, newest first; each links to its service. */
export const LatestChanges = memo(function LatestChanges({ changes, now }: { changes: Change[] | null; now: number }) {
  return (
    <section className="card flex h-[11.75rem] flex-col max-lg:h-auto max-lg:max-h-[18rem]" aria-labelledby="changes-title">
      <h2 id="changes-title" className="flex items-center justify-between border-b border-line px-3 py-2 text-xs font-medium tracking-wide text-muted uppercase">
        Latest changes
        <span className="font-normal normal-case tracking-normal">
          <span aria-hidden>↯</span> status · <span aria-hidden>⇪</span> deploy
        </span>
      </h2>
      {changes && changes.length === 0 ? <p className="px-3 py-3 text-sm text-muted">No status change or deploy recorded yet.</p> : null}
      <ol className="min-h-0 flex-1 overflow-y-auto" data-testid="latest-changes">
        {changes?.map((c, i) => {
          const to = c.to ? STATUS_META[c.to] : null;
          const icon = c.type === 'status' ? (
            <span aria-hidden className={`w-4 shrink-0 text-center ${to?.text ?? 'text-muted'}`}>{CHANGE_ICON.status}</span>
          ) : (
            <span aria-hidden className="w-4 shrink-0 text-center text-accent">{CHANGE_ICON.deploy}</span>
          );
          return (
            <li key={`${c.type}-${c.serviceId}-${c.at}-${i}`} data-testid="change" data-type={c.type}>
              <Link
                href={`/services/${c.serviceId}`}
                prefetch={false}
                className="flex items-center gap-2 border-b border-line/50 px-3 text-sm hover:bg-panel-2/60 max-lg:py-1.5 lg:h-8"
                title={[`${c.service} (${c.environment})`, c.title, c.detail, formatDateTime(c.at)].filter(Boolean).join(' — ')}
              >
                {icon}
                <span className="sr-only">{c.type === 'status' ? 'Status change:' : 'Deploy:'} </span>
                <span className="flex min-w-0 flex-1 max-lg:flex-col lg:items-baseline lg:gap-2">
                  <span className="flex min-w-0 items-baseline gap-2 lg:max-w-[55%] lg:shrink-0">
                    <span className="truncate font-medium">{c.service}</span>
                    <span className="shrink-0 font-mono text-xs text-muted">{c.environment}</span>
                  </span>
                  <span className={`min-w-0 truncate ${c.type === 'status' && to ? to.text : ''}`}>
                    {c.title}
                    {c.detail ? <span className="text-muted"> · {c.detail}</span> : null}
                  </span>
                </span>
                <time className="shrink-0 pl-2 text-xs text-muted tabular-nums" dateTime={c.at}>
                  {ago(c.at, now)}
                </time>
              </Link>
            </li>
          );
        })}
      </ol>
    </section>
  );
});
