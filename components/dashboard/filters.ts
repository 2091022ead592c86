import { isStatus, STATUSES, type Status } from '@/lib/probes/types';
import type { Tile } from '@/lib/dashboard/summary';

// The dashboard's filters, kept in the URL (?env=&team=&status=down,degraded&q=)
// so that a link reproduces the view and a reload keeps it. Pure, so it is unit-tested.

export interface DashboardFilters {
  env: string;
  team: string;
  /** Empty: every status. */
  status: Status[];
  q: string;
}

export const NO_FILTERS: DashboardFilters = { env: '', team: '', status: [], q: '' };

interface ParamsLike {
  get(name: string): string | null;
}

export function parseFilters(params: ParamsLike): DashboardFilters {
  const status = (params.get('status') ?? '')
    .split(',')
    .map((s) => s.trim().toLowerCase())
    .filter(isStatus);
  return {
    env: (params.get('env') ?? '').trim(),
    team: (params.get('team') ?? '').trim(),
    // One order whatever the URL said, so equal filters give equal query strings.
    status: STATUSES.filter((s) => status.includes(s)),
    q: params.get('q') ?? '',
  };
}

/** The canonical query string (without "?"); empty when nothing is filtered. */
export function filtersToQuery(f: DashboardFilters): string {
  const p = new URLSearchParams();
  if (f.env) p.set('env', f.env);
  if (f.team) p.set('team', f.team);
  if (f.status.length) p.set('status', STATUSES.filter((s) => f.status.includes(s)).join(','));
  if (f.q.trim()) p.set('q', f.q);
  // Commas read better than %2C in a link someone pastes into a chat.
  return p.toString().replace(/%2C/g, ',');
}

export function isFiltered(f: DashboardFilters): boolean {
  return !!(f.env || f.team || f.status.length || f.q.trim());
}

// What free text is matched against, built once per tile object. Unchanged tiles keep
// their identity across refetches (TanStack Query's structural sharing), so this rarely re-runs.
const haystacks = new WeakMap<Tile, string>();

export function haystack(t: Tile): string {
  let h = haystacks.get(t);
  if (h === undefined) {
    h = [t.name, t.environment, t.team ?? '', ...t.tags, ...t.failing.map((f) => `${f.kind} ${f.reason}`)].join('\n').toLowerCase();
    haystacks.set(t, h);
  }
  return h;
}

/** Every word of the search must appear somewhere: "checkout 503" finds checkout's HTTP 503. */
export function searchTerms(q: string): string[] {
  return q.toLowerCase().split(/\s+/).filter(Boolean);
}

export function matchesTile(t: Tile, f: DashboardFilters, terms: string[] = searchTerms(f.q)): boolean {
  if (f.env && t.environment !== f.env) return false;
  if (f.team && (t.team ?? '') !== f.team) return false;
  if (f.status.length && !f.status.includes(t.status)) return false;
  if (terms.length) {
    const h = haystack(t);
    for (const term of terms) if (!h.includes(term)) return false;
  }
  return true;
}

export function filterTiles(tiles: Tile[], f: DashboardFilters): Tile[] {
  if (!isFiltered(f)) return tiles;
  const terms = searchTerms(f.q);
  return tiles.filter((t) => matchesTile(t, f, terms));
}
