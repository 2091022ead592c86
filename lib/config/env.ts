import { z } from 'zod';

// Every variable the console reads, validated once. A missing or invalid
// required variable stops start-up with a message that names it.

const secret = (name: string) =>
  z
    .string({ error: `${name} is required (at least 32 characters; e.g. \`openssl rand -hex 32\`)` })
    .min(32, `${name} must be at least 32 characters`);

const optionalNonEmpty = z
  .string()
  .optional()
  .transform((v) => (v && v.trim() !== '' ? v.trim() : undefined));

export const envSchema = z.object({
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  DATABASE_URL: z
    .string({ error: 'DATABASE_URL is required (postgresql://user:pass@host:5432/db)' })
    .regex(/^postgres(ql)?:\/\//, 'DATABASE_URL must be a postgresql:// URL'),
  AUTH_SECRET: secret('AUTH_SECRET'),
  ENCRYPTION_KEY: z
    .string({ error: 'ENCRYPTION_KEY is required (32 bytes as 64 hex characters; `openssl rand -hex 32`)' })
    .regex(/^[0-9a-fA-F]{64}$/, 'ENCRYPTION_KEY must be 64 hex characters (32 bytes)'),
  ADMIN_API_KEY: optionalNonEmpty.pipe(
    z.string().min(32, 'ADMIN_API_KEY must be at least 32 characters').optional(),
  ),
  METRICS_TOKEN: optionalNonEmpty.pipe(z.string().min(16, 'METRICS_TOKEN must be at least 16 characters').optional()),
  ADMIN_EMAIL: optionalNonEmpty.pipe(z.email('ADMIN_EMAIL must be an email address').optional()),
  ADMIN_PASSWORD: optionalNonEmpty.pipe(
    z.string().min(12, 'ADMIN_PASSWORD must be at least 12 characters').optional(),
  ),
  NEXTAUTH_URL: optionalNonEmpty.pipe(z.url('NEXTAUTH_URL must be a URL').optional()),
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  HOST: z.string().default('0.0.0.0'),
  POLLER_ENABLED: z
    .enum(['true', 'false', '1', '0'], { error: 'POLLER_ENABLED must be true or false' })
    .default('true')
    .transform((v) => v === 'true' || v === '1'),
  POLLER_CONCURRENCY: z.coerce.number().int().min(1).max(2000).default(200),
  PROBE_ALLOWLIST: z.string().default(''),
  RAW_RETENTION_DAYS: z.coerce.number().int().min(1).max(400).default(14),
  ROLLUP_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(400),
  MINUTE_ROLLUP_RETENTION_DAYS: z.coerce.number().int().min(1).max(400).default(30),
  WEBHOOK_DELIVERY_RETENTION_DAYS: z.coerce.number().int().min(1).max(3650).default(30),
  LOG_LEVEL: z.enum(['debug', 'info', 'warn', 'error']).default('info'),
});

export type Env = z.infer<typeof envSchema>;

export class ConfigError extends Error {
  constructor(public readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function parseEnv(source: Record<string, string | undefined>): Env {
  // next-auth 4 reads NEXTAUTH_SECRET; accept either name.
  const input = { ...source, AUTH_SECRET: source.AUTH_SECRET ?? source.NEXTAUTH_SECRET };
  const parsed = envSchema.safeParse(input);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const name = String(i.path[0] ?? '');
        return i.message.startsWith(name) ? i.message : `${name}: ${i.message}`;
      }),
    );
  }
  return parsed.data;
}

let cached: Env | undefined;

/** The validated environment of this process (throws ConfigError naming the variable). */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

/** For tests that change process.env between cases. */
export function resetEnvCache() {
  cached = undefined;
}
