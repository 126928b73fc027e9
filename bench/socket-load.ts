/**
 * @module bench/socket-load
 * The serve case's load generator: bench/load.ts's closed loop — `connections` keep-alive connections, each
 * sending its next request as soon as the previous answer's body is read, for a fixed time, every answer's
 * status checked — written on `node:net` instead of undici. Through undici the load generator spent more CPU
 * on a request than either server it measured (≈ 40 µs a 304 and ≈ 370–450 µs an identity 200, against
 * ≈ 25–40 µs and ≈ 100–150 µs of server CPU): on 2 shared cores, requests/s then measured the load generator,
 * and whether the server or the load generator ran out of CPU first moved with the other load on the machine.
 * Here a 304 costs the load generator ≈ 15 µs and an identity 200 ≈ 160 µs (most of it the kernel's copy), so
 * the server is what runs out first, the same for every server measured.
 *
 * It reads HTTP/1.1 answers that state their length (`Content-Length`, or none for a 304): what Lede and the
 * bare servers send for a stored feed. An answer framed otherwise (chunked), a wrong status, bytes after an
 * answer or a closed connection fail the run.
 */
import { connect, type Socket } from 'node:net';
import type { LoadRequest, LoadResult } from './load.ts';

const HEAD_END = Buffer.from('\r\n\r\n');

/** The request's bytes, sent unchanged on every turn: request line, Host, the scenario's headers. */
function requestBytes(host: string, request: LoadRequest): Buffer {
  const lines = [`GET ${request.path} HTTP/1.1`, `host: ${host}`];
  for (const [name, value] of Object.entries(request.headers ?? {})) lines.push(`${name}: ${value}`);
  return Buffer.from(`${lines.join('\r\n')}\r\n\r\n`, 'latin1');
}

/** The body length an answer's head states, after checking its status; throws for anything unexpected. */
function bodyLength(head: string, status: number): number {
  const code = Number(head.slice(9, 12));
  if (code !== status) throw new Error(`GET: ${String(code)}, expected ${String(status)}`);
  if (/\r\ntransfer-encoding:/i.test(head)) throw new Error('an answer without Content-Length (chunked)');
  const length = /\r\ncontent-length:[ \t]*(\d+)/i.exec(head);
  return length ? Number(length[1]) : 0;
}

/**
 * Reads one answer after another from a connection's chunks: `push` returns true when a chunk completed the
 * answer (the loop then sends the next request; nothing is pipelined, so no byte may follow it).
 */
class AnswerReader {
  /** The last answer's body length (as sent: compressed when the answer was). */
  bodyBytes = 0;
  readonly #status: number;
  #head: Buffer | undefined;
  #need = -1;

  constructor(status: number) {
    this.#status = status;
  }

  push(chunk: Buffer): boolean {
    let at = 0;
    if (this.#need < 0) {
      const buffer = this.#head ? Buffer.concat([this.#head, chunk]) : chunk;
      const end = buffer.indexOf(HEAD_END);
      if (end < 0) {
        this.#head = buffer;
        return false;
      }
      at = end + 4 - (this.#head?.length ?? 0);
      this.#head = undefined;
      this.#need = bodyLength(buffer.subarray(0, end).toString('latin1'), this.#status);
      this.bodyBytes = this.#need;
    }
    const taken = Math.min(this.#need, chunk.length - at);
    this.#need -= taken;
    if (this.#need > 0) return false;
    if (at + taken < chunk.length) throw new Error('bytes after an answer');
    this.#need = -1;
    return true;
  }
}

/** One connection's loop until `until`: send, read the whole answer, count it, send again. */
function drive(socket: Socket, bytes: Buffer, status: number, until: number, counter: { n: number; bytes: number }) {
  return new Promise<void>((resolve, reject) => {
    const reader = new AnswerReader(status);
    const stop = (error?: Error) => {
      socket.removeAllListeners('data').removeAllListeners('error').removeAllListeners('close');
      if (error) reject(error);
      else resolve();
    };
    socket.on('error', stop);
    socket.on('close', () => stop(new Error('connection closed by the server')));
    socket.on('data', (chunk: Buffer) => {
      let done: boolean;
      try {
        done = reader.push(chunk);
      } catch (error) {
        stop(error as Error);
        return;
      }
      if (!done) return;
      counter.n++;
      counter.bytes = reader.bodyBytes;
      if (performance.now() < until) socket.write(bytes);
      else stop();
    });
    socket.write(bytes);
  });
}

function open(port: number, host: string): Promise<Socket> {
  return new Promise((resolve, reject) => {
    const socket = connect(port, host, () => resolve(socket));
    socket.setNoDelay(true);
    socket.once('error', reject);
  });
}

/** @example const { requestsPerSecond } = await runSocketLoad('http://127.0.0.1:8787', { path: '/feeds/bench.rss', status: 304, headers }, 50, 2000) */
export async function runSocketLoad(
  origin: string,
  request: LoadRequest,
  connections: number,
  durationMs: number,
): Promise<LoadResult> {
  const url = new URL(origin);
  const bytes = requestBytes(url.host, request);
  const sockets = await Promise.all(Array.from({ length: connections }, () => open(Number(url.port), url.hostname)));
  try {
    // Warm-up: every connection answered once or more before the clock starts, as runLoad's.
    const warm = { n: 0, bytes: 0 };
    const warmUntil = performance.now() + 100;
    await Promise.all(sockets.map((socket) => drive(socket, bytes, request.status, warmUntil, warm)));
    const counter = { n: 0, bytes: 0 };
    const start = performance.now();
    await Promise.all(sockets.map((socket) => drive(socket, bytes, request.status, start + durationMs, counter)));
    const elapsed = performance.now() - start;
    return { requestsPerSecond: (counter.n * 1000) / elapsed, requests: counter.n, bodyBytes: counter.bytes };
  } finally {
    for (const socket of sockets) socket.destroy();
  }
}
