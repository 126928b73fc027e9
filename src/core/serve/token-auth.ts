/**
 * @module core/serve/token-auth
 * The bearer-token doors (RFC 6750): the admin API and `/metrics`. Hono's `bearerAuth` checks the token
 * (in constant time) and answers 401 with `WWW-Authenticate: Bearer …`; around it, failed attempts are
 * counted per client address, and an address that failed `maxFailures` times within `windowMs` is answered
 * `429 Too Many Requests` with `Retry-After` (RFC 6585 §4) until its window ends — a token cannot be
 * guessed at network speed. A success does not reset the count: it would let a guesser who holds one valid
 * token probe for others.
 *
 * The client address comes from the runtime (`ServeOptions.clientAddress`: the socket's peer on Node,
 * `CF-Connecting-IP` on Workers). The count lives in memory: per process on Node, per isolate on Workers —
 * a brake on guessing, not a global quota (docs/workers.md). It never holds more than `maxTracked`
 * addresses, forgetting the oldest first, so a flood of addresses cannot grow it.
 */
import type { Context, Env, MiddlewareHandler, Next } from 'hono';
import { bearerAuth } from 'hono/bearer-auth';
import { HTTPException } from 'hono/http-exception';
import type { Clock } from '../ports.ts';

const NO_STORE = { 'Cache-Control': 'no-store' };

export interface FailedAuthLimits {
  readonly maxFailures: number;
  readonly windowMs: number;
  readonly maxTracked: number;
}

export const DEFAULT_FAILED_AUTH_LIMITS: FailedAuthLimits = { maxFailures: 10, windowMs: 60_000, maxTracked: 10_000 };

/** Failed attempts per address, in fixed windows. */
export interface FailedAuthCounter {
  /** Milliseconds until `address` may try again; 0 when it may now. */
  waitFor(address: string, now: number): number;
  fail(address: string, now: number): void;
}

export function createFailedAuthCounter(limits: FailedAuthLimits = DEFAULT_FAILED_AUTH_LIMITS): FailedAuthCounter {
  const windows = new Map<string, { start: number; failures: number }>();
  const current = (address: string, now: number) => {
    const window = windows.get(address);
    return window && now - window.start < limits.windowMs ? window : undefined;
  };
  return {
    waitFor(address, now) {
      const window = current(address, now);
      return window && window.failures >= limits.maxFailures ? window.start + limits.windowMs - now : 0;
    },
    fail(address, now) {
      const window = current(address, now) ?? { start: now, failures: 0 };
      window.failures++;
      // Re-inserted, so the Map's order is the order of last failure: the first key is the one to forget.
      windows.delete(address);
      windows.set(address, window);
      if (windows.size > limits.maxTracked) windows.delete(windows.keys().next().value ?? address);
    },
  };
}

export interface TokenGuard {
  readonly counter: FailedAuthCounter;
  readonly clientAddress: (c: Context) => string | undefined;
  readonly clock: Clock;
}

/**
 * bearerAuth's refusal (401, or 400 for a malformed `Authorization`) as JSON like every other error of the
 * API, keeping its `WWW-Authenticate` challenge (RFC 6750 §3).
 */
function refusal(c: Context, error: HTTPException): Response {
  const challenge = error.getResponse().headers.get('WWW-Authenticate') ?? 'Bearer';
  const status = error.status === 400 ? 400 : 401;
  const message = status === 400 ? 'malformed Authorization header: use "Bearer <token>"' : 'missing or wrong token';
  return c.json({ error: message }, status, { ...NO_STORE, 'WWW-Authenticate': challenge });
}

/**
 * A middleware that lets through requests bearing one of `tokens`; with no token configured, 403 with
 * `disabled` as the reason. Failed attempts count against the client address.
 * @example admin.use('/admin/*', requireBearer([adminToken], 'admin API disabled: …', guard))
 */
export function requireBearer(tokens: readonly string[], disabled: string, guard: TokenGuard): MiddlewareHandler {
  if (tokens.length === 0) return (c) => Promise.resolve(c.json({ error: disabled }, 403, NO_STORE));
  // Built once, not per request: bearerAuth prepares its token comparison up front.
  const check = bearerAuth({ token: [...tokens] });
  return async (c: Context<Env, string>, next: Next) => {
    const address = guard.clientAddress(c) ?? 'unknown';
    const wait = guard.counter.waitFor(address, guard.clock().getTime());
    if (wait > 0) {
      const retryAfter = String(Math.ceil(wait / 1000));
      return c.json({ error: 'too many failed attempts: try again later' }, 429, {
        ...NO_STORE,
        'Retry-After': retryAfter,
      });
    }
    const passage = { admitted: false };
    try {
      await check(c, async () => {
        passage.admitted = true;
        await next();
      });
    } catch (error) {
      // Only the token check's own refusals count: a route behind it may throw too.
      if (passage.admitted || !(error instanceof HTTPException)) throw error;
      guard.counter.fail(address, guard.clock().getTime());
      return refusal(c, error);
    }
  };
}
