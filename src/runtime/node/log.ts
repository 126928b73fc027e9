/**
 * @module runtime/node-log
 * The Node `Log`: one event per line on stderr, filtered by `LOG_LEVEL`, in one of two `LOG_FORMAT`s:
 * - `json` (the default): the event as one JSON object, `{"time":…,"level":…,"msg":…,…fields}`, the shape
 *   the Worker logs too (src/core/log-entry.ts), for log collectors (journald, Docker, Loki, Vector…);
 * - `pretty`: `time LEVEL msg key=value…` for a person at a terminal, coloured when stderr is a terminal
 *   that takes colours (Node's `hasColors()`, which honours NO_COLOR and FORCE_COLOR).
 *
 * The server writes through `bufferStderr`: a busy server logs a line per request, and one write per line
 * (a system call each: stderr is synchronous for files and pipes) cost as much as a cached feed's whole answer.
 */
import { isLogged, toLogEntry, type LogEntry } from '../../core/log-entry.ts';
import type { LogFormat } from '../../core/config/runtime-config.ts';
import type { Log, LogLevel } from '../../core/ports.ts';

/** SGR colours (ECMA-48) per level; dim for the time. */
const COLOURS: Readonly<Record<LogLevel, string>> = {
  debug: '\u001b[90m',
  info: '\u001b[36m',
  warn: '\u001b[33m',
  error: '\u001b[31m',
};
const DIM = '\u001b[2m';
const RESET = '\u001b[0m';

/** `key=value`, the value quoted as JSON when it has spaces, quotes or `=` (so the line splits back unambiguously). */
function formatField(key: string, value: unknown): string {
  const text = typeof value === 'string' ? value : JSON.stringify(value);
  return `${key}=${/[\s"=]/.test(text) || text === '' ? JSON.stringify(text) : text}`;
}

function formatPretty(entry: LogEntry, colour: boolean): string {
  const { time, level, msg, ...fields } = entry;
  const pairs = Object.entries(fields).map(([key, value]) => formatField(key, value));
  const label = level.toUpperCase().padEnd(5);
  const head = colour ? `${DIM}${time}${RESET} ${COLOURS[level]}${label}${RESET}` : `${time} ${label}`;
  // One event, one line: a line break inside the message is written as `\n`, as the JSON format would.
  return `${head} ${msg.replace(/\r?\n/g, '\\n')}${pairs.length ? ' ' + pairs.join(' ') : ''}`;
}

export interface NodeLogOptions {
  readonly format?: LogFormat;
  /** Where a line goes (with its newline); default stderr. */
  readonly write?: (line: string) => void;
  /** Colour the pretty format; default: when stderr is a terminal that takes colours. */
  readonly colour?: boolean;
}

/**
 * @example const log = createNodeLog(config.logLevel, { format: config.logFormat }); log('info', 'serving', { url })
 */
export function createNodeLog(minimum: LogLevel, options: NodeLogOptions = {}): Log {
  const { format = 'json', write = (line: string) => process.stderr.write(line) } = options;
  const colour = options.colour ?? (process.stderr.isTTY && process.stderr.hasColors());
  return (level, message, fields = {}) => {
    if (!isLogged(level, minimum)) return;
    const entry = toLogEntry(level, message, fields, new Date());
    write(`${format === 'pretty' ? formatPretty(entry, colour) : JSON.stringify(entry)}\n`);
  };
}

/**
 * stderr, written once per turn of the event loop with every line logged in it (in order), and at exit:
 * a server answering many requests at once makes one system call for all their lines, as pino's
 * asynchronous mode does. `flush` writes what is pending now, before anything written to stderr directly.
 * @example const stderr = bufferStderr(); const log = createNodeLog('info', { write: stderr.write })
 */
export function bufferStderr(): { write: (line: string) => void; flush: () => void } {
  let pending: string[] = [];
  const flush = () => {
    if (pending.length === 0) return;
    const text = pending.join('');
    pending = [];
    process.stderr.write(text);
  };
  // `exit` runs on process.exit() and on an uncaught exception too: nothing logged before it is lost.
  process.on('exit', flush);
  return {
    write: (line) => {
      if (pending.push(line) === 1) setImmediate(flush);
    },
    flush,
  };
}
