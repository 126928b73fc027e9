/**
 * @module core/log-entry
 * One shape for a log event on both runtimes: `{ time, level, msg, ...fields }`, a plain JSON object. Node
 * writes it as one JSON line on stderr (or a readable line with `LOG_FORMAT=pretty`); the Worker hands it to
 * `console`, which Workers Logs indexes field by field. Both runtimes build it here, so a query written for
 * one runtime's logs reads the other's.
 *
 * What makes a field safe to log is decided here too, once:
 * - the envelope always wins: a field named `time`, `level` or `msg` is kept as `field_time`, … instead;
 * - an `Error` becomes `{ name, message, code, status, cause }` (JSON.stringify would give `{}`);
 * - credentials in URLs (`https://user:pass@host/`) are redacted in every string, the message included;
 * - a value JSON cannot hold (a cycle) becomes `"[unserialisable]"` rather than losing the event.
 */
import type { LogLevel } from './ports.ts';
import { redactUserinfo } from './url.ts';

const RANK: Readonly<Record<LogLevel, number>> = { debug: 0, info: 1, warn: 2, error: 3 };

const ENVELOPE = new Set(['time', 'level', 'msg']);

export interface LogEntry {
  readonly time: string;
  readonly level: LogLevel;
  readonly msg: string;
  readonly [field: string]: unknown;
}

/**
 * Whether an event at `level` passes the `LOG_LEVEL` threshold `minimum`.
 * @example isLogged('debug', 'info') // false
 */
export function isLogged(level: LogLevel, minimum: LogLevel): boolean {
  return RANK[level] >= RANK[minimum];
}

/** What an error says usefully, without its stack: its own `code`/`status` (LedeError, Node's errno) and cause. */
function describeError(error: Error): Record<string, unknown> {
  const { code, status } = error as { code?: unknown; status?: unknown };
  return {
    name: error.name,
    message: error.message,
    ...(code === undefined ? {} : { code }),
    ...(status === undefined ? {} : { status }),
    ...(error.cause === undefined ? {} : { cause: error.cause }),
  };
}

/** `redactUserinfo`, skipped for a text without `@` (userinfo ends with one): most fields, on every request line. */
function redact(text: string): string {
  return text.includes('@') ? redactUserinfo(text) : text;
}

/** JSON.stringify's replacer: it sees every nested value too, so an error's `cause` is described as well. */
function toJsonSafe(_key: string, value: unknown): unknown {
  if (value instanceof Error) return describeError(value);
  if (typeof value === 'string') return redact(value);
  if (typeof value === 'bigint') return value.toString();
  return value;
}

/** The field as plain JSON; undefined (as JSON.stringify drops it) for undefined, functions and symbols. */
function toJsonValue(value: unknown): unknown {
  // The common fields (a request's status, path, ms) need no round trip through JSON: what it would give back.
  if (typeof value === 'string') return redact(value);
  if ((typeof value === 'number' && Number.isFinite(value)) || typeof value === 'boolean') return value;
  let text: unknown;
  try {
    // Undefined for undefined, functions and symbols, which JSON.stringify's lib type leaves out.
    text = JSON.stringify(value, toJsonSafe);
  } catch {
    return '[unserialisable]';
  }
  return typeof text === 'string' ? JSON.parse(text) : undefined;
}

/**
 * The event as the one JSON object both runtimes log. `time` is the runtime's clock, as `toISOString()` writes
 * it: an input, as everywhere in the core (Node makes it once per millisecond, src/runtime/node/log.ts).
 * @example toLogEntry('warn', 'source failed', { feed: 'monitor', error }, new Date().toISOString())
 * // { time: '2026-11-30T22:35:01.123Z', level: 'warn', msg: 'source failed', feed: 'monitor', error: { name, message, code } }
 */
export function toLogEntry(
  level: LogLevel,
  msg: string,
  fields: Readonly<Record<string, unknown>>,
  time: string,
): LogEntry {
  const entry: Record<string, unknown> = { time, level, msg: redact(msg) };
  for (const key of Object.keys(fields)) {
    const json = toJsonValue(fields[key]);
    if (json !== undefined) entry[ENVELOPE.has(key) ? `field_${key}` : key] = json;
  }
  return entry as unknown as LogEntry;
}

/** Whether `JSON.stringify(text)` is `"${text}"`: no quote, backslash, control character or surrogate to escape. */
function isPlainJsonText(text: string): boolean {
  for (let index = 0; index < text.length; index++) {
    const code = text.charCodeAt(index);
    if (code < 0x20 || code === 0x22 || code === 0x5c || (code >= 0xd800 && code <= 0xdfff)) return false;
  }
  return true;
}

/** `JSON.stringify(text)`, whose every call cost more than a request line's three short texts need. */
function quote(text: string): string {
  return isPlainJsonText(text) ? `"${text}"` : JSON.stringify(text);
}

/** A string field's JSON (redacted, as `toLogEntry` keeps it), or `undefined` for any other value. */
function stringJson(value: unknown): string | undefined {
  return typeof value === 'string' ? quote(redact(value)) : undefined;
}

/** A finite number's JSON, its `String()` (-0 too: both write 0), or `undefined` for any other value. */
function numberJson(value: unknown): string | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? String(value) : undefined;
}

/** The fields of a request's line (src/core/serve/request-log.ts), in its order. */
const REQUEST_KEYS = ['method', 'path', 'route', 'status', 'ms', 'bytes'];

/** The fields' JSON, `,"method":…,"bytes":…`, when they are a request line's in its order and types; else `undefined`. */
function requestMembers(fields: Readonly<Record<string, unknown>>): string | undefined {
  const keys = Object.keys(fields);
  if (keys.length !== REQUEST_KEYS.length) return undefined;
  for (let index = 0; index < keys.length; index++) if (keys[index] !== REQUEST_KEYS[index]) return undefined;
  const method = stringJson(fields.method);
  const path = stringJson(fields.path);
  const route = stringJson(fields.route);
  const status = numberJson(fields.status);
  const ms = numberJson(fields.ms);
  const bytes = numberJson(fields.bytes);
  if (method === undefined || path === undefined || route === undefined) return undefined;
  if (status === undefined || ms === undefined || bytes === undefined) return undefined;
  return `,"method":${method},"path":${path},"route":${route},"status":${status},"ms":${ms},"bytes":${bytes}`;
}

/**
 * `JSON.stringify(toLogEntry(…))`, the line Node writes. A request's line, on every request, is written
 * directly: building the entry (keyed stores, its shape new to each event) and stringifying it was about a
 * twentieth of what Lede's code cost a cached feed's 304 (issue 11). tests/core/log-entry.test.ts holds the
 * two ways to the same text.
 * @example toLogLine('info', 'request', { method: 'GET', path, route, status: 304, ms: 0.2, bytes: 0 }, AT)
 */
export function toLogLine(
  level: LogLevel,
  msg: string,
  fields: Readonly<Record<string, unknown>>,
  time: string,
): string {
  const members = requestMembers(fields);
  if (members === undefined) return JSON.stringify(toLogEntry(level, msg, fields, time));
  return `{"time":${quote(time)},"level":${quote(level)},"msg":${quote(redact(msg))}${members}}`;
}
