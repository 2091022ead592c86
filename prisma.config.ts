import { defineConfig } from 'prisma/config';

// The CLI is used only for `prisma generate` here: migrations are applied by
// lib/db/migrate.ts (the native schema engine cannot be downloaded in every
// environment). The URL is read lazily so `generate` works without a database.
export default defineConfig({
  schema: 'prisma/schema.prisma',
  migrations: { path: 'prisma/migrations' },
  datasource: { url: process.env.DATABASE_URL ?? 'postgresql://postgres@127.0.0.1:5432/postgres' },
});
