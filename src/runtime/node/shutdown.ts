/**
 * @module runtime/node/shutdown
 * How `npm start` stops, within a bound a container's stop timeout can rely on (README, "Deployment"):
 *
 * 1. SIGTERM or SIGINT: one log line, `shutting down`, naming the feeds whose refresh it cuts short;
 * 2. the server stops accepting connections (idle keep-alive ones are closed at once);
 * 3. every fetch in flight or queued is aborted: its article stays pending with no attempt counted, and
 *    the refresh publishes what it finished (each store write is one SQLite statement, so nothing is
 *    half-written, and nothing finished is lost);
 * 4. requests still open a second after the refreshes ended have their connections cut; the store closes;
 *    exit code 0.
 *
 * If that has not happened within `SHUTDOWN_BOUND_MS` the process exits with code 1 anyway, and a second
 * signal exits at once with the shell's code for it (130 for SIGINT, 143 for SIGTERM).
 */
import type { ServerType } from '@hono/node-server';
import type { Log } from '../../core/ports.ts';
import type { RefreshRunner } from '../../core/refresh/refresh-runner.ts';

/** The longest a graceful stop takes before the process exits regardless (under a container's usual 10 s). */
export const SHUTDOWN_BOUND_MS = 5000;
/** Requests still open once the refreshes ended get this long before their connections are cut. */
const DRAIN_MS = 1000;
/** 128 + the signal's number, as shells report a process killed by it. */
const SIGNAL_EXIT_CODES = { SIGINT: 130, SIGTERM: 143 } as const;

const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms).unref());

/**
 * Stop accepting, abort the fetches of refreshes in flight and wait for those refreshes to publish what they
 * finished, then close the connections still open.
 * @example await stopServing(server, stopping, runner); await store.close();
 */
export async function stopServing(server: ServerType, stopping: AbortController, runner: RefreshRunner): Promise<void> {
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  stopping.abort(new Error('shutting down'));
  await runner.idle();
  const drained = await Promise.race([closed.then(() => true), delay(DRAIN_MS).then(() => false)]);
  if (!drained && 'closeAllConnections' in server) server.closeAllConnections();
  await closed;
}

interface Stoppable {
  readonly runner: RefreshRunner;
  readonly feeds: ReadonlyMap<string, unknown>;
  close(): Promise<void>;
}

/**
 * Stop `lede` on SIGTERM/SIGINT as described above; `exit` is `process.exit` (a parameter for tests).
 * @example stopOnSignals(await startLede(config, log), log)
 */
export function stopOnSignals(
  lede: Stoppable,
  log: Log,
  exit: (code: number) => void = (code) => process.exit(code),
): void {
  let stopping = false;
  const onSignal = (signal: keyof typeof SIGNAL_EXIT_CODES) => {
    if (stopping) {
      log('warn', 'second signal: exiting now', { signal });
      exit(SIGNAL_EXIT_CODES[signal]);
      return;
    }
    stopping = true;
    const aborted = [...lede.feeds.keys()].filter((id) => lede.runner.isRunning(id) === true);
    log('info', 'shutting down', { signal, aborted, boundMs: SHUTDOWN_BOUND_MS });
    setTimeout(() => {
      log('error', 'shutdown took too long: exiting', { boundMs: SHUTDOWN_BOUND_MS });
      exit(1);
    }, SHUTDOWN_BOUND_MS - 250).unref();
    lede.close().then(
      () => exit(0),
      (error: unknown) => {
        log('error', 'shutdown failed', { message: error instanceof Error ? error.message : String(error) });
        exit(1);
      },
    );
  };
  process.on('SIGINT', () => onSignal('SIGINT'));
  process.on('SIGTERM', () => onSignal('SIGTERM'));
}
