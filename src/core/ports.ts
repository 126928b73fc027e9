/**
 * @module core/ports
 * The narrow capabilities the core receives from a runtime instead of importing them. Node and the
 * Worker each build one `CoreDeps`; tests build theirs from real parts (a SQLite file, a loopback site).
 */
import type { Store } from './store.ts';
import type { FetchPage } from './pull/fetch-page.ts';

/** The current instant. An input, never `new Date()` inside the core, so output is reproducible. */
export type Clock = () => Date;

export type LogLevel = 'debug' | 'info' | 'warn' | 'error';
/** Structured logging: a message plus JSON-serialisable fields. */
export type Log = (level: LogLevel, message: string, fields?: Readonly<Record<string, unknown>>) => void;

/** Keep work alive after a response is sent: `ctx.waitUntil` on Workers, a tracked promise on Node. */
export type Defer = (work: Promise<unknown>) => void;

export interface CoreDeps {
  readonly fetchPage: FetchPage;
  readonly store: Store;
  readonly clock: Clock;
  readonly log: Log;
}

/** A log that drops everything, for tests and tools that print their own output. */
export const silentLog: Log = () => {};
