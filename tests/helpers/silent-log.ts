/**
 * @module tests/helpers/silent-log
 * A log that drops everything, for tests and benchmarks that assert or print their own output.
 */
import type { Log } from '../../src/core/ports.ts';

export const silentLog: Log = () => {};
