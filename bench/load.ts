/**
 * @module bench/load
 * A closed-loop HTTP load generator over real sockets: `connections` keep-alive connections (an undici Pool,
 * already a dependency), each sending its next request as soon as the previous answer's body is read, for
 * a fixed time. Returns requests per second. Every answer's status is checked: a server that fails under
 * load fails the bench instead of looking fast.
 */
import { Pool } from 'undici';

export interface LoadRequest {
  readonly path: string;
  readonly headers?: Readonly<Record<string, string>>;
  /** The status every answer must have (200 or 304). */
  readonly status: number;
}

export interface LoadResult {
  readonly requestsPerSecond: number;
  readonly requests: number;
  /** Body bytes of the last answer (as sent: compressed when the answer was). */
  readonly bodyBytes: number;
}

async function loop(pool: Pool, request: LoadRequest, until: number, counter: { n: number; bytes: number }) {
  while (performance.now() < until) {
    const response = await pool.request({ path: request.path, method: 'GET', headers: request.headers ?? {} });
    const body = Buffer.from(await response.body.arrayBuffer());
    if (response.statusCode !== request.status) {
      throw new Error(`GET ${request.path}: ${String(response.statusCode)}, expected ${String(request.status)}`);
    }
    counter.n++;
    counter.bytes = body.byteLength;
  }
}

/** @example const { requestsPerSecond } = await runLoad('http://127.0.0.1:8787', { path: '/feeds/bench.rss', status: 200 }, 50, 2000) */
export async function runLoad(
  origin: string,
  request: LoadRequest,
  connections: number,
  durationMs: number,
): Promise<LoadResult> {
  const pool = new Pool(origin, { connections, pipelining: 1, keepAliveTimeout: 30_000 });
  try {
    // Warm-up: open every connection before the clock starts.
    const warm = { n: 0, bytes: 0 };
    await Promise.all(Array.from({ length: connections }, () => loop(pool, request, performance.now() + 100, warm)));
    const counter = { n: 0, bytes: 0 };
    const start = performance.now();
    const until = start + durationMs;
    await Promise.all(Array.from({ length: connections }, () => loop(pool, request, until, counter)));
    const elapsed = performance.now() - start;
    return { requestsPerSecond: (counter.n * 1000) / elapsed, requests: counter.n, bodyBytes: counter.bytes };
  } finally {
    await pool.close();
  }
}
