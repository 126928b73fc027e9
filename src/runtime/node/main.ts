/**
 * @module runtime/node
 * `npm start`: the process entry. Parses the environment once, starts Lede, stops cleanly on
 * SIGINT/SIGTERM (waiting for refreshes in flight so no article is half-written), re-reads the
 * definitions on SIGHUP.
 */
import { parseRuntimeConfig } from '../../core/config/runtime-config.ts';
import { startLede } from './server.ts';

try {
  const lede = await startLede(parseRuntimeConfig(process.env));
  const stop = async () => {
    await lede.close();
    process.exit(0);
  };
  process.once('SIGINT', () => void stop());
  process.once('SIGTERM', () => void stop());
  // SIGHUP re-reads FEEDS_DIR, as the watch and POST /admin/reload do (what changed is logged).
  process.on('SIGHUP', () => void lede.reload().catch(() => undefined));
} catch (error) {
  process.stderr.write(`lede: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
}
