'use client';

export interface ApiIssue { path: string; message: string }

export class ApiClientError extends Error {
  constructor(public readonly status: number, message: string, public readonly issues: ApiIssue[]) {
    super(message);
  }
  /** The message for one field, if the server named it. */
  field(path: string): string | undefined {
    return this.issues.find((i) => i.path === path || i.path.startsWith(path + '.'))?.message;
  }
}

/** fetch() for our own JSON API: same-origin session cookie, API error shape turned into an exception. */
export async function api<T>(path: string, init: { method?: string; body?: unknown } = {}): Promise<T> {
  const res = await fetch(path, {
    method: init.method ?? 'GET',
    headers: init.body !== undefined ? { 'content-type': 'application/json' } : undefined,
    body: init.body !== undefined ? JSON.stringify(init.body) : undefined,
    credentials: 'same-origin',
  });
  const text = await res.text();
  let data: unknown = null;
  try {
    data = text ? JSON.parse(text) : null;
  } catch {
    data = null;
  }
  if (!res.ok) {
    const d = (data ?? {}) as { error?: string; issues?: ApiIssue[] };
    throw new ApiClientError(res.status, d.error ?? `Request failed (${res.status})`, d.issues ?? []);
  }
  return data as T;
}
