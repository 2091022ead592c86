/**
 * Fake monitored services in their own process, so that a benchmark measures
 * the poller's CPU and not the targets'. Prints one JSON line with the URLs,
 * then serves until killed.   tsx scripts/bench/fake-targets.ts [count]
 */
import { startFakeTarget } from '../../tests/fake-targets/server';

const count = Number(process.argv[2] ?? 4);
const targets = await Promise.all(Array.from({ length: count }, () => startFakeTarget({ keepAliveTimeoutMs: 60_000 })));
process.stdout.write(JSON.stringify({ urls: targets.map((t) => t.url) }) + '\n');
const stop = async () => {
  await Promise.all(targets.map((t) => t.close()));
  process.exit(0);
};
process.on('SIGTERM', stop);
process.on('SIGINT', stop);
