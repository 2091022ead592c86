/** "3 min ago", "2 h ago", "5 d ago"; exact time belongs in a title attribute. */
export function relativeTime(iso: string | Date | null | undefined, now: number = Date.now()): string {
  if (!iso) return 'never';
  const t = typeof iso === 'string' ? Date.parse(iso) : iso.getTime();
  const s = Math.round((now - t) / 1000);
  const future = s < 0;
  const a = Math.abs(s);
  const v = a < 45 ? `${a} s` : a < 3600 ? `${Math.round(a / 60)} min` : a < 86_400 ? `${Math.round(a / 3600)} h` : `${Math.round(a / 86_400)} d`;
  return future ? `in ${v}` : `${v} ago`;
}

export function formatDateTime(iso: string | Date | null | undefined): string {
  if (!iso) return '—';
  const d = typeof iso === 'string' ? new Date(iso) : iso;
  return d.toISOString().replace('T', ' ').slice(0, 19) + ' UTC';
}
