import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';

// Secrets that a development or demo install may generate for itself. In
// production they must come from the environment: a generated secret would
// silently change on a new machine and sign everybody out (or worse, make
// encrypted endpoint headers unreadable).
const GENERATED: Record<string, () => string> = {
  AUTH_SECRET: () => randomBytes(32).toString('hex'),
  ENCRYPTION_KEY: () => randomBytes(32).toString('hex'),
};

export interface SecretsOutcome { generated: string[]; file: string | null }

/**
 * Fills missing secrets in `envVars`. Outside production they are generated
 * once and kept in `<dataDir>/secrets.json` (mode 0600); in production a
 * missing one is an error naming it.
 */
export function ensureSecrets(envVars: NodeJS.ProcessEnv, dataDir: string): SecretsOutcome {
  const missing = Object.keys(GENERATED).filter((k) => !envVars[k] && !(k === 'AUTH_SECRET' && envVars.NEXTAUTH_SECRET));
  if (missing.length === 0) return { generated: [], file: null };
  if (envVars.NODE_ENV === 'production') {
    throw new Error(
      `${missing.join(', ')} must be set in production (generate with \`openssl rand -hex 32\`); ` +
        'opsdeck only generates secrets for development.',
    );
  }
  const file = path.join(dataDir, 'secrets.json');
  let stored: Record<string, string> = {};
  try {
    stored = JSON.parse(fs.readFileSync(file, 'utf8'));
  } catch {
    stored = {};
  }
  const generated: string[] = [];
  for (const k of missing) {
    if (!stored[k]) {
      stored[k] = GENERATED[k]();
      generated.push(k);
    }
    envVars[k] = stored[k];
  }
  if (generated.length > 0) {
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, JSON.stringify(stored, null, 2) + '\n', { mode: 0o600 });
  }
  return { generated, file };
}
