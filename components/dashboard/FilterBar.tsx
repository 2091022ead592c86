'use client';

import { forwardRef } from 'react';
import type { Status } from '@/lib/probes/types';
import { STATUS_META } from '@/components/ui/StatusBadge';
import type { DashboardFilters } from './filters';

interface Props {
  filters: DashboardFilters;
  onChange: (next: DashboardFilters) => void;
  environments: string[];
  teams: string[];
  /** Services per status over the whole fleet, for the status buttons. */
  byStatus: Record<Status, number>;
}

/** Search, environment, team and status (several at once); everything lands in the URL. */
export const FilterBar = forwardRef<HTMLInputElement, Props>(function FilterBar({ filters, onChange, environments, teams, byStatus }, searchRef) {
  const set = (patch: Partial<DashboardFilters>) => onChange({ ...filters, ...patch });
  const toggle = (s: Status) => set({ status: filters.status.includes(s) ? filters.status.filter((x) => x !== s) : [...filters.status, s] });
  // A filter from a shared link may name an environment or team that is gone: keep it selectable.
  const envs = filters.env && !environments.includes(filters.env) ? [...environments, filters.env] : environments;
  const tms = filters.team && !teams.includes(filters.team) ? [...teams, filters.team] : teams;

  return (
    <form role="search" aria-label="Filter services" className="flex flex-wrap items-end gap-x-3 gap-y-2" onSubmit={(e) => e.preventDefault()}>
      <div className="w-full sm:w-56">
        <label className="label" htmlFor="dash-q">
          Search
        </label>
        <div className="relative">
          <input
            ref={searchRef}
            id="dash-q"
            className="peer input pr-8"
            type="search"
            autoComplete="off"
            spellCheck={false}
            placeholder="name, team, tag, error…"
            aria-keyshortcuts="/"
            value={filters.q}
            onChange={(e) => set({ q: e.target.value })}
          />
          <kbd aria-hidden className="pointer-events-none absolute top-1/2 right-2 -translate-y-1/2 rounded border border-line px-1 font-mono text-[11px] text-muted peer-focus:hidden peer-[:not(:placeholder-shown)]:hidden max-lg:hidden">
            /
          </kbd>
        </div>
      </div>
      <div>
        <label className="label" htmlFor="dash-env">
          Environment
        </label>
        <select id="dash-env" className="input w-36" value={filters.env} onChange={(e) => set({ env: e.target.value })}>
          <option value="">All</option>
          {envs.map((e) => (
            <option key={e} value={e}>
              {e}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label className="label" htmlFor="dash-team">
          Team
        </label>
        <select id="dash-team" className="input w-36" value={filters.team} onChange={(e) => set({ team: e.target.value })}>
          <option value="">All</option>
          {tms.map((t) => (
            <option key={t} value={t}>
              {t}
            </option>
          ))}
        </select>
      </div>
      <fieldset>
        <legend className="label">Status</legend>
        <div className="flex flex-wrap gap-1.5">
          {(['down', 'degraded', 'unknown', 'up'] as const).map((s) => {
            const on = filters.status.includes(s);
            const meta = STATUS_META[s];
            return (
              <button
                key={s}
                type="button"
                aria-pressed={on}
                onClick={() => toggle(s)}
                className={`inline-flex h-[2.125rem] items-center gap-1.5 rounded-md border px-2 text-sm ${on ? meta.chip + ' font-medium' : 'border-line bg-panel-2 text-muted hover:border-muted hover:text-fg'}`}
              >
                <span aria-hidden className={meta.text}>
                  {meta.icon}
                </span>
                {meta.word}
                <span className="tabular-nums text-xs opacity-80">{byStatus[s]}</span>
              </button>
            );
          })}
        </div>
      </fieldset>
    </form>
  );
});
