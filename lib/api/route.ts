import { NextResponse, type NextRequest } from 'next/server';
import { z } from 'zod';
import { authenticate } from '@/lib/auth/authenticate';
import type { Actor } from '@/lib/auth/actor';
import { hasRole, type Role } from '@/lib/auth/roles';
import { writeAudit, type AuditEntry } from '@/lib/audit/log';
import type { Tx } from '@/lib/db/client';
import { ApiError, validationError } from './errors';
import { clientIpFromHeaders } from './ip';
import { logger } from '@/lib/log';

export interface RouteContext<B, Q> {
  req: NextRequest;
  actor: Actor;
  ip: string;
  body: B;
  query: Q;
  params: Record<string, string>;
  /** Writes an audit entry for this actor and address, inside `tx` when given. */
  audit: (entry: AuditEntry, tx?: Tx) => Promise<void>;
}

interface RouteOptions<BS extends z.ZodType | undefined, QS extends z.ZodType | undefined> {
  /** Lowest role allowed. */
  role: Role;
  body?: BS;
  query?: QS;
}

type Infer<S> = S extends z.ZodType ? z.infer<S> : undefined;
type NextRouteCtx = { params: Promise<Record<string, string | string[]>> };

const MAX_BODY_BYTES = 1024 * 1024;

async function readJson(req: NextRequest): Promise<unknown> {
  const text = await req.text();
  if (text.length > MAX_BODY_BYTES) throw new ApiError(413, 'Request body larger than 1 MiB');
  if (text.trim() === '') return {};
  try {
    return JSON.parse(text);
  } catch {
    throw new ApiError(400, 'Request body is not valid JSON', [{ path: '(root)', message: 'expected a JSON object' }]);
  }
}

function queryObject(req: NextRequest): Record<string, string> {
  return Object.fromEntries(req.nextUrl.searchParams.entries());
}

export function errorResponse(err: unknown): NextResponse {
  if (err instanceof ApiError) {
    return NextResponse.json({ error: err.message, issues: err.issues }, { status: err.status, headers: err.headers });
  }
  const code = (err as { code?: string })?.code;
  // Prisma: record to update/delete not found, unique constraint, foreign key.
  if (code === 'P2025') return NextResponse.json({ error: 'Not found', issues: [] }, { status: 404 });
  if (code === 'P2002') return NextResponse.json({ error: 'Already exists', issues: [] }, { status: 409 });
  logger.error('unhandled error in route', { error: err instanceof Error ? err.message : String(err) });
  return NextResponse.json({ error: 'Internal error', issues: [] }, { status: 500 });
}

/**
 * The one wrapper every API route uses: authenticate (session or bearer),
 * check the role, validate body and query with zod, hand the handler an
 * audit function bound to the actor, and map errors to the API's shape.
 */
export function route<BS extends z.ZodType | undefined = undefined, QS extends z.ZodType | undefined = undefined>(
  options: RouteOptions<BS, QS>,
  handler: (ctx: RouteContext<Infer<BS>, Infer<QS>>) => Promise<Response | unknown>,
) {
  return async (req: NextRequest, nextCtx?: NextRouteCtx): Promise<Response> => {
    try {
      const actor = await authenticate(req);
      if (!actor) {
        return NextResponse.json(
          { error: 'Authentication required: sign in, or send Authorization: Bearer <token>', issues: [] },
          { status: 401, headers: { 'www-authenticate': 'Bearer' } },
        );
      }
      if (!hasRole(actor.role, options.role)) {
        return NextResponse.json({ error: `This needs the ${options.role} role; you are ${actor.role}`, issues: [] }, { status: 403 });
      }
      const rawParams = nextCtx ? await nextCtx.params : {};
      const params = Object.fromEntries(Object.entries(rawParams ?? {}).map(([k, v]) => [k, Array.isArray(v) ? v.join('/') : v]));

      let query = undefined as Infer<QS>;
      if (options.query) {
        const parsed = options.query.safeParse(queryObject(req));
        if (!parsed.success) throw validationError(parsed.error, 'query');
        query = parsed.data as Infer<QS>;
      }
      let body = undefined as Infer<BS>;
      if (options.body) {
        const parsed = options.body.safeParse(await readJson(req));
        if (!parsed.success) throw validationError(parsed.error, 'body');
        body = parsed.data as Infer<BS>;
      }
      const ip = clientIpFromHeaders(req.headers);
      const result = await handler({
        req,
        actor,
        ip,
        body,
        query,
        params,
        audit: (entry, tx) => writeAudit(actor, entry, ip, tx),
      });
      if (result instanceof Response) return result;
      return NextResponse.json(result ?? { ok: true });
    } catch (err) {
      return errorResponse(err);
    }
  };
}

/** Responds 201 with a JSON body. */
export const created = (body: unknown) => NextResponse.json(body, { status: 201 });

/** Route parameter that must be a UUID: anything else is simply "not found". */
export function uuidParam(value: string | undefined, what: string): string {
  if (!value || !z.uuid().safeParse(value).success) throw new ApiError(404, `${what} not found`);
  return value;
}
