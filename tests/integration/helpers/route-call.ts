import { NextRequest } from 'next/server';

export type RouteHandler = (req: NextRequest, ctx?: { params: Promise<Record<string, string>> }) => Promise<Response>;
export type Json = Record<string, unknown> & { [k: string]: any }; // eslint-disable-line @typescript-eslint/no-explicit-any

export interface CallOptions {
  method?: string;
  path?: string;
  /** JSON body. */
  body?: unknown;
  /** Raw body (e.g. YAML) with its content type. */
  text?: string;
  contentType?: string;
  bearer?: string | null;
  params?: Record<string, string>;
  ip?: string;
}

/** Calls a route handler the way Next would, as a bearer-token client, and reads its answer. */
export async function callRoute(handler: RouteHandler, opts: CallOptions = {}) {
  const headers: Record<string, string> = { 'x-forwarded-for': opts.ip ?? '203.0.113.7' };
  if (opts.bearer) headers.authorization = `Bearer ${opts.bearer}`;
  let body: string | undefined;
  if (opts.text !== undefined) {
    body = opts.text;
    headers['content-type'] = opts.contentType ?? 'text/plain';
  } else if (opts.body !== undefined) {
    body = JSON.stringify(opts.body);
    headers['content-type'] = 'application/json';
  }
  const req = new NextRequest(`http://localhost${opts.path ?? '/api/v1/x'}`, { method: opts.method ?? 'GET', headers, body });
  const res = await handler(req, { params: Promise.resolve(opts.params ?? {}) });
  const text = await res.text();
  let json: Json = {};
  try {
    json = JSON.parse(text) as Json;
  } catch {
    // not JSON (exports, YAML)
  }
  return { status: res.status, text, json, headers: res.headers };
}
