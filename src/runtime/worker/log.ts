/**
 * @module runtime/worker/log
 * The Workers `Log`: one JSON object per event through `console`, which Workers Logs and `wrangler tail`
 * index field by field (https://developers.cloudflare.com/workers/observability/logs/workers-logs/),
 * filtered by `LOG_LEVEL` like the Node log.
 */
import type { Log, LogLevel } from '../../core/ports.ts';

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

const WRITERS: Record<LogLevel, (entry: object) => void> = {
  debug: (entry) => console.debug(entry),
  info: (entry) => console.log(entry),
  warn: (entry) => console.warn(entry),
  error: (entry) => console.error(entry),
};

/**
 * @example const log = createWorkerLog('info'); log('warn', 'source failed', { feed: 'monitor' })
 */
export function createWorkerLog(minimum: LogLevel): Log {
  return (level, message, fields = {}) => {
    if (RANK[level] < RANK[minimum]) return;
    WRITERS[level]({ level, message, ...fields });
  };
}
