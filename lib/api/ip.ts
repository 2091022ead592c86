type HeaderBag = Headers | Record<string, string | string[] | undefined>;

function header(h: HeaderBag, name: string): string | undefined {
  if (h instanceof Headers) return h.get(name) ?? undefined;
  const v = h[name] ?? h[name.toLowerCase()];
  return Array.isArray(v) ? v[0] : v;
}

/** The client's address as the nearest proxy reports it (first X-Forwarded-For hop), else "unknown". */
export function clientIpFromHeaders(h: HeaderBag): string {
  const fwd = header(h, 'x-forwarded-for');
  if (fwd) return fwd.split(',')[0].trim().slice(0, 64) || 'unknown';
  return (header(h, 'x-real-ip') ?? 'unknown').slice(0, 64);
}
