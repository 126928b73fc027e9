/**
 * @module runtime/worker/log
 * The Workers `Log`: one JSON object per event through `console`, `{ time, level, msg, …fields }` as on Node
 * (src/core/log-entry.ts), which Workers Logs and `wrangler tail` index field by field
 * (https://developers.cloudflare.com/workers/observability/logs/workers-logs/), filtered by `LOG_LEVEL` like
 * the Node log. There is no `LOG_FORMAT` here: the dashboard and `wrangler tail --format pretty` are the
 * readable views, and both want the object.
 */
import { isLogged, toLogEntry, type LogEntry } from '../../core/log-entry.ts';
import type { Log, LogLevel } from '../../core/ports.ts';

const WRITERS: Record<LogLevel, (entry: LogEntry) => void> = {
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
    if (!isLogged(level, minimum)) return;
    WRITERS[level](toLogEntry(level, message, fields, new Date().toISOString()));
  };
}
