import type { Status } from '@/lib/probes/types';

// A status is never told by colour alone: each has its own icon and word too,
// so it reads the same to colour-blind people, on a grey-scale screen and to a screen reader.
export const STATUS_META: Record<Status, { icon: string; word: string; text: string; chip: string }> = {
  up: { icon: '●', word: 'Up', text: 'text-up', chip: 'border-up/40 bg-up/10 text-up' },
  degraded: { icon: '▲', word: 'Degraded', text: 'text-degraded', chip: 'border-degraded/40 bg-degraded/10 text-degraded' },
  down: { icon: '✖', word: 'Down', text: 'text-down', chip: 'border-down/40 bg-down/10 text-down' },
  unknown: { icon: '?', word: 'Unknown', text: 'text-unknown', chip: 'border-unknown/40 bg-unknown/10 text-unknown' },
};

export function StatusBadge({ status, size = 'md', title }: { status: Status; size?: 'sm' | 'md' | 'lg'; title?: string }) {
  const meta = STATUS_META[status] ?? STATUS_META.unknown;
  const sizing = size === 'sm' ? 'px-1.5 py-0 text-[11px]' : size === 'lg' ? 'px-2.5 py-1 text-sm' : 'px-2 py-0.5 text-xs';
  return (
    <span
      className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full border font-medium ${sizing} ${meta.chip}`}
      data-status={status}
      title={title}
    >
      <span aria-hidden>{meta.icon}</span>
      {meta.word}
    </span>
  );
}

/** Just the icon and word in the status colour, for dense tables and counts. */
export function StatusText({ status, children }: { status: Status; children?: React.ReactNode }) {
  const meta = STATUS_META[status] ?? STATUS_META.unknown;
  return (
    <span className={`inline-flex items-center gap-1 whitespace-nowrap ${meta.text}`} data-status={status}>
      <span aria-hidden>{meta.icon}</span>
      {children ?? meta.word}
    </span>
  );
}
