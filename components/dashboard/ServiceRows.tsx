'use client';

import Link from 'next/link';
import { memo } from 'react';
import type { Tile } from '@/lib/dashboard/summary';
import { StatusBadge, STATUS_META } from '@/components/ui/StatusBadge';
import { formatDateTime } from '@/components/ui/time';
import { ago, breachText, driftText, LEVEL_META } from './format';

// One row per service + environment: a <table> row at ≥1024 px, a card on a phone.
// Rows are memoised on the tile object (unchanged tiles keep their identity across
// refetches) and a clock that ticks every few seconds, so a poll re-renders only the
// rows whose service changed. Light markup only: 500 of these must stay cheap.

export interface RowProps {
  tile: Tile;
  /** The server's clock, for "since" and "stale" (the browser's may be off). */
  now: number;
  selected: boolean;
}

const MAX_LINES = 2;

function Since({ tile, now }: { tile: Tile; now: number }) {
  if (tile.stale && tile.staleSince) {
    return (
      <span className="text-degraded" title={`stale: the last result of a checked endpoint is from ${formatDateTime(tile.staleSince)}; its status is not known now`}>
        last result <time dateTime={tile.staleSince}>{ago(tile.staleSince, now)}</time>
      </span>
    );
  }
  if (!tile.since) return <span className="text-muted">{tile.endpoints.total ? 'not checked yet' : 'nothing to check'}</span>;
  return (
    <span className="text-muted">
      since{' '}
      <time dateTime={tile.since} title={formatDateTime(tile.since)}>
        {ago(tile.since, now)}
      </time>
    </span>
  );
}

function StaleMark({ tile }: { tile: Tile }) {
  if (!tile.stale) return null;
  return (
    <span className="ml-1.5 whitespace-nowrap text-xs font-medium text-degraded" data-testid="stale">
      <span aria-hidden>◷ </span>stale:
    </span>
  );
}

/** What fails and why, one line per endpoint kind, worst first. */
function Failing({ tile }: { tile: Tile }) {
  if (tile.failing.length === 0) {
    return (
      <span className="text-muted">
        {tile.endpoints.total === 0 ? 'no endpoints' : `all ${tile.endpoints.total} endpoint${tile.endpoints.total === 1 ? '' : 's'} up`}
      </span>
    );
  }
  const shown = tile.failing.slice(0, MAX_LINES);
  const more = tile.failing.length - shown.length;
  return (
    <>
      {shown.map((f, i) => {
        const meta = STATUS_META[f.status];
        return (
          <div key={f.endpointId} className="flex min-w-0 items-baseline gap-1.5" title={`${f.kind}: ${f.reason}`}>
            <span aria-hidden className={`shrink-0 ${meta.text}`}>{meta.icon}</span>
            <span className="min-w-0 truncate">
              <span className="font-mono text-xs text-fg">{f.kind}</span>
              <span className="sr-only"> {meta.word.toLowerCase()}:</span> <span className="text-muted">{f.reason}</span>
            </span>
            {more > 0 && i === shown.length - 1 ? (
              <span className="shrink-0 text-xs text-muted" title={tile.failing.slice(MAX_LINES).map((x) => `${x.kind}: ${x.reason}`).join('\n')}>
                +{more} more
              </span>
            ) : null}
          </div>
        );
      })}
    </>
  );
}

/** Migration drift and breaching KPIs, in the level's colour and icon; `max` chips, then "+N". */
function Signals({ tile, max = Infinity }: { tile: Tile; max?: number }) {
  if (!tile.migration && tile.breaches.length === 0) return <span className="text-muted" aria-label="none">—</span>;
  const all = [
    ...(tile.migration
      ? [{ key: 'migration', text: driftText(tile.migration), icon: '⇣', chip: LEVEL_META.warning.chip, title: `schema migration ${driftText(tile.migration)}: at ${tile.migration.current ?? '?'}, head is ${tile.migration.head ?? '?'}` }]
      : []),
    ...tile.breaches.map((b) => ({ key: b.kpi, text: breachText(b), icon: LEVEL_META[b.level].icon, chip: LEVEL_META[b.level].chip, title: `${b.level}: ${breachText(b)}` })),
  ];
  // Two lines at most in the table: two chips, or one chip and "+N more".
  const shown = all.length > max ? all.slice(0, Math.max(1, max - 1)) : all;
  const more = all.length - shown.length;
  return (
    <div className={`flex flex-wrap items-center gap-1 ${max < Infinity ? 'max-h-[2.75rem] overflow-hidden' : ''}`} title={all.map((s) => s.title).join('\n')}>
      {shown.map((s) => (
        <span key={s.key} className={`inline-flex items-center gap-1 whitespace-nowrap rounded border px-1.5 text-xs leading-[1.125rem] ${s.chip}`} data-testid={s.key === 'migration' ? 'drift' : 'breach'}>
          <span aria-hidden>{s.icon}</span>
          {s.text}
        </span>
      ))}
      {more > 0 ? <span className="text-xs text-muted">+{more} more</span> : null}
    </div>
  );
}

function Alerts({ tile, inline = false }: { tile: Tile; inline?: boolean }) {
  const { open, critical } = tile.alerts;
  if (open === 0) return <span className="text-muted" aria-label="no open alerts">—</span>;
  const level =
    critical > 0 ? (
      <span className="whitespace-nowrap text-xs text-down">
        <span aria-hidden>✖ </span>
        {critical} critical
      </span>
    ) : (
      <span className="whitespace-nowrap text-xs text-degraded">
        <span aria-hidden>▲ </span>warning
      </span>
    );
  return (
    <span className={inline ? 'inline-flex items-baseline gap-1.5' : 'inline-flex flex-col'}>
      <span className="whitespace-nowrap tabular-nums text-fg">
        {open} open{inline ? ` alert${open === 1 ? '' : 's'}` : ''}
      </span>
      {level}
    </span>
  );
}

function Incidents({ tile }: { tile: Tile }) {
  if (tile.incidents.length === 0) return <span className="text-muted" aria-label="no open incidents">—</span>;
  return (
    <span className="flex flex-wrap gap-1">
      {tile.incidents.slice(0, 2).map((i) => (
        <Link
          key={i.id}
          href={`/incidents/${i.id}`}
          prefetch={false}
          title={`${i.title} (${i.status})`}
          className="relative z-10 whitespace-nowrap rounded border border-down/40 bg-down/10 px-1.5 text-xs leading-5 text-down hover:underline"
        >
          #{i.number} {i.severity}
        </Link>
      ))}
      {tile.incidents.length > 2 ? <span className="text-xs text-muted">+{tile.incidents.length - 2}</span> : null}
    </span>
  );
}

/** The service's name, as a link stretched over its whole row or card. */
function NameLink({ tile }: { tile: Tile }) {
  return (
    <Link
      href={`/services/${tile.id}`}
      // Hundreds of rows: prefetching each service page would flood the server.
      prefetch={false}
      data-row-link
      className="block truncate font-medium text-fg after:absolute after:inset-0 after:content-[''] hover:text-accent hover:underline focus-visible:outline-none"
      title={tile.tags.length ? `${tile.name} · tags: ${tile.tags.join(', ')}` : tile.name}
    >
      {tile.name}
    </Link>
  );
}

function Owner({ tile }: { tile: Tile }) {
  return (
    <span className="block truncate text-xs text-muted">
      <span className="font-mono">{tile.environment}</span> · {tile.team ?? 'no team'}
    </span>
  );
}

const rowTone = (selected: boolean) =>
  selected ? 'bg-accent/10 shadow-[inset_3px_0_0_var(--color-accent)]' : 'hover:bg-panel-2/60';

export const TableRow = memo(function TableRow({ tile, now, selected }: RowProps) {
  return (
    <tr
      data-row-id={tile.id}
      data-testid="dashboard-row"
      data-status={tile.status}
      data-selected={selected || undefined}
      className={`relative h-[3.75rem] focus-within:bg-accent/10 focus-within:shadow-[inset_3px_0_0_var(--color-accent)] ${rowTone(selected)}`}
    >
      <td>
        <div className="flex items-center">
          <StatusBadge status={tile.status} />
          <StaleMark tile={tile} />
        </div>
        <div className="mt-0.5 truncate text-xs">
          <Since tile={tile} now={now} />
        </div>
      </td>
      <td>
        <NameLink tile={tile} />
        <Owner tile={tile} />
      </td>
      <td className="text-sm">
        <Failing tile={tile} />
      </td>
      <td>
        <Signals tile={tile} max={2} />
      </td>
      <td>
        <Alerts tile={tile} />
      </td>
      <td>
        <Incidents tile={tile} />
      </td>
    </tr>
  );
});

export const CardRow = memo(function CardRow({ tile, now, selected }: RowProps) {
  const hasSignals = tile.migration || tile.breaches.length > 0;
  const hasTrouble = tile.alerts.open > 0 || tile.incidents.length > 0;
  return (
    <li
      data-row-id={tile.id}
      data-testid="dashboard-row"
      data-status={tile.status}
      data-selected={selected || undefined}
      className={`relative rounded-lg border border-line bg-panel p-3 focus-within:border-accent ${selected ? 'border-accent' : ''}`}
    >
      <div className="flex items-start justify-between gap-3">
        <div className="min-w-0">
          <NameLink tile={tile} />
          <Owner tile={tile} />
        </div>
        <StatusBadge status={tile.status} />
      </div>
      <div className="mt-1 text-xs">
        <StaleMark tile={tile} />
        <Since tile={tile} now={now} />
      </div>
      <div className="mt-1.5 space-y-0.5 text-sm">
        <Failing tile={tile} />
      </div>
      {hasSignals ? (
        <div className="mt-1.5">
          <Signals tile={tile} />
        </div>
      ) : null}
      {hasTrouble ? (
        <div className="mt-1.5 flex items-center gap-4 text-sm">
          {tile.alerts.open > 0 ? (
            <Alerts tile={tile} inline />
          ) : null}
          {tile.incidents.length > 0 ? <Incidents tile={tile} /> : null}
        </div>
      ) : null}
    </li>
  );
});

export function SkeletonRows({ columns, rows = 6 }: { columns: number; rows?: number }) {
  return (
    <>
      {Array.from({ length: rows }, (_, i) => (
        <tr key={i} className="h-[3.75rem]" aria-hidden>
          {Array.from({ length: columns }, (_, c) => (
            <td key={c}>
              <div className="mt-1 h-3.5 animate-pulse rounded bg-panel-2" style={{ width: `${c === 2 ? 80 : 60}%` }} />
              <div className="mt-2 h-2.5 w-1/3 animate-pulse rounded bg-panel-2/70" />
            </td>
          ))}
        </tr>
      ))}
    </>
  );
}
