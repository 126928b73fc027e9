/**
 * @module runtime/node
 * `npm start`: the process entry. Parses the environment once, starts Lede, and stops within 5 s on
 * SIGINT/SIGTERM, aborting refreshes in flight after keeping what they finished (src/runtime/node/shutdown.ts);
 * re-reads the definitions on SIGHUP.
 */
import { parseRuntimeConfig } from '../../core/config/runtime-config.ts';
import { bufferStderr, createNodeLog } from './log.ts';
import { compactHeap } from './heap-compaction.ts';
import { startLede } from './server.ts';
import { stopOnSignals } from './shutdown.ts';

// A stop asked for while Lede starts (the `serving` line is out, the handlers not yet in) is held, then
// honoured as soon as it can be carried out cleanly: without this, such a signal killed the process outright.
const held: NodeJS.Signals[] = [];
const hold = (signal: NodeJS.Signals) => held.push(signal);
process.on('SIGINT', hold);
process.on('SIGTERM', hold);

// The server's log lines, written in batches (at most 50 ms late) and at exit (src/runtime/node/log.ts).
const stderr = bufferStderr();
try {
  const config = parseRuntimeConfig(process.env);
  const log = createNodeLog(config.logLevel, { format: config.logFormat, write: stderr.write });
  const lede = await startLede(config, log);
  // The start's garbage (modules loaded, stored feeds re-rendered) goes before the server idles: without
  // `gc` (no --expose-gc) this does nothing (./heap-compaction.ts).
  compactHeap();
  stopOnSignals(lede, log);
  process.off('SIGINT', hold);
  process.off('SIGTERM', hold);
  for (const signal of held) process.emit(signal, signal);
  // SIGHUP re-reads FEEDS_DIR, as the watch and POST /admin/reload do (what changed is logged).
  process.on('SIGHUP', () => void lede.reload().catch(() => undefined));
} catch (error) {
  stderr.flush();
  process.stderr.write(`lede: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
