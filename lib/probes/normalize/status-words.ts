import type { Status } from '@/lib/probes/types';

// Words services use for their own state, across Spring (UP/OUT_OF_SERVICE), IETF
// health+json (pass/warn/fail), ASP.NET Core (Healthy/Degraded/Unhealthy), gRPC
// (SERVING/NOT_SERVING), Kubernetes-style probes (ready/alive) and home-grown endpoints.
const WORDS: Record<string, Status> = {};
const add = (status: Status, words: string[]) => words.forEach((w) => (WORDS[w] = status));

add('up', [
  'up', 'ok', 'okay', 'pass', 'passed', 'passing', 'healthy', 'ready', 'alive', 'live',
  'green', 'online', 'available', 'success', 'succeeded', 'serving', 'running', 'good',
]);
add('degraded', ['warn', 'warning', 'degraded', 'partial', 'partially_available', 'yellow', 'impaired']);
add('down', [
  'down', 'fail', 'failed', 'failing', 'failure', 'error', 'errored', 'unhealthy', 'out_of_service',
  'not_ready', 'notready', 'unready', 'not_alive', 'dead', 'critical', 'crit', 'red', 'offline',
  'unavailable', 'not_serving', 'stopped', 'ko',
]);
add('unknown', ['unknown', 'service_unknown', 'indeterminate']);

function canonical(word: string): string {
  return word.trim().toLowerCase().replace(/[\s-]+/g, '_');
}

/** Map a service's status value to ours; null when it is not a status word we know. */
export function statusFromWord(value: unknown): Status | null {
  if (typeof value === 'boolean') return value ? 'up' : 'down';
  if (typeof value !== 'string' || value.length > 64) return null;
  const word = canonical(value);
  return Object.hasOwn(WORDS, word) ? WORDS[word] : null;
}
