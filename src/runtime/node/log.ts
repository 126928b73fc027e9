/**
 * @module runtime/node-log
 * The Node `Log`: one line per event on stderr, `time level message key=value…`, filtered by level.
 */
import type { Log, LogLevel } from '../../core/ports.ts';

const RANK: Record<LogLevel, number> = { debug: 0, info: 1, warn: 2, error: 3 };

function formatField(key: string, value: unknown): string {
  // JSON.stringify gives undefined for undefined, functions and symbols, which its lib type leaves out.
  const text = typeof value === 'string' ? value : (JSON.stringify(value) as string | undefined);
  return `${key}=${/[\s"=]/.test(text ?? '') ? JSON.stringify(text) : text}`;
}

export function createNodeLog(
  minimum: LogLevel,
  write: (line: string) => void = (line) => process.stderr.write(line),
): Log {
  return (level, message, fields = {}) => {
    if (RANK[level] < RANK[minimum]) return;
    const pairs = Object.entries(fields).map(([key, value]) => formatField(key, value));
    write(`${new Date().toISOString()} ${level} ${message}${pairs.length ? ' ' + pairs.join(' ') : ''}\n`);
  };
}
