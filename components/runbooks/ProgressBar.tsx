import type { Progress } from '@/lib/runbooks/state';

export function ProgressBar({ progress, label, size = 'md' }: { progress: Progress; label: string; size?: 'sm' | 'md' }) {
  const tone = progress.failed ? 'bg-degraded' : progress.complete ? 'bg-up' : 'bg-accent';
  return (
    <div className="min-w-0" data-testid="progress">
      <div
        role="progressbar"
        aria-label={label}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={progress.percent}
        aria-valuetext={`${progress.finished} of ${progress.total} steps`}
        className={`w-full overflow-hidden rounded-full bg-panel-2 ${size === 'sm' ? 'h-1.5' : 'h-2.5'}`}
      >
        <div className={`h-full ${tone} transition-[width] duration-500`} style={{ width: `${progress.percent}%` }} />
      </div>
      <p className={`mt-1 text-muted ${size === 'sm' ? 'text-[11px]' : 'text-xs'}`}>
        {progress.complete ? '✔ Complete · ' : ''}
        {progress.finished} of {progress.total} steps
        {progress.notApplicable ? ` · ${progress.notApplicable} not applicable` : ''}
        {progress.failed ? ` · ${progress.failed} failed` : ''}
      </p>
    </div>
  );
}
