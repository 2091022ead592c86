import { ACTION_ITEM_STATUS_LABELS, POSTMORTEM_STATUS_LABELS, type ActionItemStatus, type PostmortemStatus } from '@/lib/postmortems/states';

// Review state, action-item state and "overdue", each told by icon, word and colour together.

const PM_META: Record<PostmortemStatus, { icon: string; chip: string }> = {
  draft: { icon: '✎', chip: 'border-line bg-panel-2 text-fg' },
  in_review: { icon: '◔', chip: 'border-accent/50 bg-accent/10 text-accent' },
  approved: { icon: '✔', chip: 'border-up/50 bg-up/10 text-up' },
};

export function PostmortemStatusBadge({ status }: { status: PostmortemStatus }) {
  const m = PM_META[status];
  return (
    <span className={`inline-flex items-center gap-1 whitespace-nowrap rounded-full border px-2 py-0.5 text-xs font-medium ${m.chip}`} data-pm-status={status}>
      <span aria-hidden>{m.icon}</span>
      {POSTMORTEM_STATUS_LABELS[status]}
    </span>
  );
}

const ITEM_META: Record<ActionItemStatus, { icon: string; text: string }> = {
  open: { icon: '○', text: 'text-fg' },
  in_progress: { icon: '◐', text: 'text-accent' },
  done: { icon: '✔', text: 'text-up' },
  wont_do: { icon: '⊘', text: 'text-muted' },
};

export function ActionItemStatusText({ status }: { status: ActionItemStatus }) {
  const m = ITEM_META[status];
  return (
    <span className={`inline-flex items-center gap-1 whitespace-nowrap ${m.text}`}>
      <span aria-hidden>{m.icon}</span>
      {ACTION_ITEM_STATUS_LABELS[status]}
    </span>
  );
}

export function OverdueTag({ children = 'Overdue' }: { children?: React.ReactNode }) {
  return (
    <span className="inline-flex items-center gap-1 whitespace-nowrap rounded border border-down/50 bg-down/10 px-1.5 text-[11px] font-semibold text-down" data-overdue>
      <span aria-hidden>▲</span>
      {children}
    </span>
  );
}
