import { PageHeader } from '@/components/ui/PageHeader';

/** A page that a later piece of work fills; says so plainly instead of pretending. */
export function Placeholder({ title, what, issue }: { title: string; what: string; issue: string }) {
  return (
    <>
      <PageHeader title={title} />
      <div className="card max-w-2xl p-5" data-testid="placeholder">
        <p className="mb-2 inline-flex items-center gap-2 rounded bg-degraded/10 px-2 py-0.5 text-xs font-medium text-degraded">
          <span aria-hidden>◔</span> Not built yet
        </p>
        <p className="text-sm">{what}</p>
        <p className="mt-2 text-xs text-muted">Planned in: {issue}</p>
      </div>
    </>
  );
}
