/**
 * `npm run user:create -- --email a@b.c --name "Ada" --role commander [--password …]`
 * Without --password the password is read from OPSDECK_PASSWORD or asked for
 * on the terminal (not echoed), so it does not land in shell history.
 */
import { parseArgs } from 'node:util';
import readline from 'node:readline';
import { createUserSchema } from '../lib/users/schemas';

async function ask(question: string): Promise<string> {
  const rl = readline.createInterface({ input: process.stdin, output: process.stdout, terminal: true });
  const out = rl as unknown as { _writeToOutput: (s: string) => void; output: NodeJS.WriteStream };
  let muted = false;
  out._writeToOutput = (s: string) => {
    if (!muted) out.output.write(s);
  };
  return new Promise((resolve) => {
    rl.question(question, (answer) => {
      rl.close();
      process.stdout.write('\n');
      resolve(answer);
    });
    muted = true;
  });
}

async function main() {
  try {
    process.loadEnvFile('.env');
  } catch {
    /* optional */
  }
  const { values } = parseArgs({
    options: { email: { type: 'string' }, name: { type: 'string' }, role: { type: 'string', default: 'viewer' }, password: { type: 'string' } },
  });
  if (!process.env.DATABASE_URL) {
    console.error('DATABASE_URL is required (the embedded database is only available while `npm start` runs)');
    process.exit(1);
  }
  const password = values.password ?? process.env.OPSDECK_PASSWORD ?? (process.stdin.isTTY ? await ask('Password: ') : '');
  const parsed = createUserSchema.safeParse({ email: values.email, name: values.name ?? values.email, role: values.role, password });
  if (!parsed.success) {
    for (const i of parsed.error.issues) console.error(`${i.path.join('.') || 'input'}: ${i.message}`);
    process.exit(1);
  }
  // The database client validates the whole environment; development secrets live in data/.
  const { ensureSecrets } = await import('../lib/config/dev-secrets');
  ensureSecrets(process.env, process.env.OPSDECK_DATA_DIR ?? 'data');
  const { createUser } = await import('../lib/users/manage');
  const { SYSTEM_ACTOR } = await import('../lib/auth/actor');
  const { disconnectDb } = await import('../lib/db/client');
  try {
    const user = await createUser(parsed.data, { ...SYSTEM_ACTOR, label: 'cli:user:create' }, null);
    console.log(`created ${user.email} (${user.role})`);
  } catch (e) {
    console.error((e as Error).message);
    process.exitCode = 1;
  } finally {
    await disconnectDb();
  }
}

main();
