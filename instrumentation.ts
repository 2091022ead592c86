// Next.js calls register() once per server process at start-up. The poller
// runs inside the web server unless POLLER_ENABLED=false (then run
// `npm run worker` processes instead). Node-only code lives in its own
// module so that the edge build of this file stays empty.
export async function register() {
  if (process.env.NEXT_RUNTIME === 'nodejs') {
    await import('./lib/scheduler/in-server');
  }
}
