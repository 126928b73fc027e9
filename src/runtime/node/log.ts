/**
 * @module runtime/node-log
 * The Node `Log`: one event per line on stderr, filtered by `LOG_LEVEL`, in one of two `LOG_FORMAT`s:
 * - `json` (the default): the event as one JSON object, `{"time":…,"level":…,"msg":…,…fields}`, the shape
 *   the Worker logs too (src/core/log-entry.ts), for log collectors (journald, Docker, Loki, Vector…);
 * - `pretty`: `time LEVEL msg key=value…` for a person at a terminal, coloured when stderr is a terminal
 *   that takes colours (Node's `hasColors()`, which honours NO_COLOR and FORCE_COLOR).
 *
 * The server writes through `bufferStderr`: a busy server logs a line per request, and one write per line
 * (a system call each: stderr is synchronous for files and pipes) cost as much as a cached feed's whole answer;
 * one per turn of the event loop still cost a system call for every few requests. Node's fast path for stored
 * feeds writes its request lines through the JSON log's own writer of them (`requestLineWriterOf`).
 */
import { isLogged, toLogEntry, toLogLine, type LogEntry } from '../../core/log-entry.ts';
import type { LogFormat } from '../../core/config/runtime-config.ts';
import type { Log, LogLevel } from '../../core/ports.ts';
import type { RequestEvent } from '../../core/serve/request-log.ts';

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

/**
 * `new Date().toISOString()`, made once per millisecond, and `toISOString()` itself called once per second:
 * a busy server logs several lines in the same millisecond, and the ISO text took as long as the rest of the
 * line's JSON. Within a second only the milliseconds change, the three digits before the `Z`.
 * @example const now = isoClock(); now() // '2026-11-30T22:35:01.123Z'
 */
export function isoClock(clock: () => number = Date.now): () => string {
  let at = Number.NaN;
  let iso = '';
  let second = Number.NaN;
  // The second's text up to its `.`: `2026-11-30T22:35:01.`
  let head = '';
  return () => {
    const ms = clock();
    if (ms !== at) {
      at = ms;
      const within = ((ms % 1000) + 1000) % 1000;
      if (ms - within !== second) {
        second = ms - within;
        head = new Date(second).toISOString().slice(0, -4);
      }
      iso = `${head}${within < 10 ? '00' : within < 100 ? '0' : ''}${String(within)}Z`;
    }
    return iso;
  };
}

/**
 * Whether `toLogLine` writes `text` as it is between quotes: printable ASCII without `"` or `\` (nothing to
 * escape) and without `@` (no userinfo to redact). A path Node's fast path logs always is.
 */
function isVerbatim(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || code > 0x7e || code === 0x22 || code === 0x5c || code === 0x40) return false;
  }
  return true;
}

/** Whether `requestLine` writes the event as `toLogLine` would: its texts verbatim, its numbers finite. */
function isPlainRequest(event: RequestEvent): boolean {
  const { method, path, route, status, ms, bytes } = event;
  if (!isVerbatim(method) || !isVerbatim(path) || !isVerbatim(route)) return false;
  return Number.isFinite(status) && Number.isFinite(ms) && Number.isFinite(bytes);
}

/**
 * `toLogLine('info', 'request', event, time)` and its newline, for a plain request event (`isPlainRequest`)
 * whose fields are in `RequestEvent`'s order, as the fast path makes them. A number is written as `String()`
 * writes it, as `toLogLine` does. tests/runtime/node/log.test.ts compares the two over any event.
 */
function requestLine(time: string, event: RequestEvent): string {
  const { method, path, route, status, ms, bytes } = event;
  return `{"time":"${time}","level":"info","msg":"request","method":"${method}","path":"${path}","route":"${route}","status":${status},"ms":${ms},"bytes":${bytes}}\n`;
}

/** Each JSON log's writer of request lines (`requestLineWriterOf`). */
const requestWriters = new WeakMap<Log, (event: RequestEvent) => void>();

/**
 * The writer of `log('info', 'request', event)` that a JSON log made by `createNodeLog` has beside it: the
 * same bytes, without the generic walk of the fields (`toLogLine`), whose property loads see every event's
 * shape and miss their caches: building the line fell from ≈ 7.5% to ≈ 3% of the server's CPU on cached 304s
 * (perf, issue 11). `undefined` for any other log.
 * Give it only an event made as a `RequestEvent` literal (its six fields, in order): a wider object would
 * be logged by `log` with its other fields too.
 * @example const line = requestLineWriterOf(log); line?.({ method: 'GET', path, route, status: 304, ms, bytes: 0 })
 */
export function requestLineWriterOf(log: Log): ((event: RequestEvent) => void) | undefined {
  return requestWriters.get(log);
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
  const now = isoClock();
  const log: Log = (level, message, fields = {}) => {
    if (!isLogged(level, minimum)) return;
    const time = now();
    const line =
      format === 'pretty'
        ? formatPretty(toLogEntry(level, message, fields, time), colour)
        : toLogLine(level, message, fields, time);
    write(`${line}\n`);
  };
  if (format === 'json') {
    const logged = isLogged('info', minimum);
    requestWriters.set(log, (event) => {
      if (!logged) return;
      if (isPlainRequest(event)) write(requestLine(now(), event));
      else log('info', 'request', event);
    });
  }
  return log;
}

/**
 * How much a `bufferStderr` holds before it writes: 64 Ki measured no cheaper, and a batch this size fits in a
 * pipe's buffer (64 KiB on Linux), so a synchronous write to journald or Docker rarely waits for the reader.
 */
const FLUSH_CHARS = 16 * 1024;
/** How long a line may wait in a `bufferStderr`: what a `kill -9` can lose, and what `tail -f` lags by at most. */
const FLUSH_DELAY_MS = 50;

export interface BufferOptions {
  /** Where the batched text goes; default stderr. */
  readonly write?: (text: string) => void;
  /** Write once this many characters are pending; default 16 Ki. */
  readonly maxChars?: number;
  /** Write at most this long after the first pending line; default 50 ms. */
  readonly maxDelayMs?: number;
}

/**
 * stderr, written in batches — when 16 Ki characters are pending or 50 ms after the first of them, whichever
 * comes first — and at exit, in order: a server answering thousands of requests a second then makes a system
 * call per batch instead of one per line (or per turn of the event loop, a few requests each), as pino's
 * sonic-boom does. Nothing is lost on a normal exit, SIGTERM/SIGINT (they end in `process.exit`) or an uncaught
 * exception (written before Node prints it); only a SIGKILL or a crash of Node itself loses what is pending.
 * `flush` writes what is pending now, before anything written to stderr directly.
 * @example const stderr = bufferStderr(); const log = createNodeLog('info', { write: stderr.write })
 */
export function bufferStderr(options: BufferOptions = {}): { write: (line: string) => void; flush: () => void } {
  const { maxChars = FLUSH_CHARS, maxDelayMs = FLUSH_DELAY_MS } = options;
  const target = options.write ?? ((text: string) => process.stderr.write(text));
  let pending: string[] = [];
  let size = 0;
  let timer: NodeJS.Timeout | undefined;
  const flush = () => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    if (pending.length === 0) return;
    const text = pending.join('');
    pending = [];
    size = 0;
    target(text);
  };
  // `exit` runs on process.exit() and on an uncaught exception too, before Node prints it (Node 24): nothing
  // logged before either is lost, and the lines come before the stack.
  process.on('exit', flush);
  return {
    write: (line) => {
      pending.push(line);
      size += line.length;
      if (size >= maxChars) flush();
      // Unref'd: a pending line never keeps the process alive (the exit flush writes it).
      else timer ??= setTimeout(flush, maxDelayMs).unref();
    },
    flush,
  };
}
