/**
 * @module runtime/node/send-request
 * The Node `SendRequest` of the policy fetcher: undici's `request` (no redirects followed, no decoding) with
 * the body's content coding undone here, by zlib, strictly. undici's `fetch` decodes leniently, as browsers
 * do — a gzip body cut off in the middle comes back as the half that arrived, silently — and an article
 * extracted from half a page would be published as if it were the whole. Here a truncated or corrupt
 * gzip/deflate/br body is an error (`truncated`, `bad-encoding`: see `classifyBodyError`), as is a body
 * shorter than its Content-Length.
 */
import { pipeline, Readable, type Transform } from 'node:stream';
import { createBrotliDecompress, createGunzip, createInflate } from 'node:zlib';
import { request, type Dispatcher } from 'undici';
import type { HttpResponse, SendRequest } from '../../core/pull/fetch-with-policy.ts';

/** What Lede can decode, in the order it prefers (RFC 9110 §12.5.3). */
const ACCEPT_ENCODING = 'gzip, deflate, br';

const DECODERS: Readonly<Record<string, () => Transform>> = {
  gzip: createGunzip,
  'x-gzip': createGunzip,
  deflate: createInflate,
  br: createBrotliDecompress,
};

/** A coding Lede did not ask for and cannot undo. */
class UnknownCodingError extends Error {
  readonly code = 'LEDE_UNKNOWN_CODING';
}

/** The body with its codings undone, last applied first (RFC 9110 §8.4); identity passes as it is. */
function decode(body: Readable, contentEncoding: string | undefined): Readable {
  if (contentEncoding === undefined) return body;
  const codings = contentEncoding
    .split(',')
    .map((coding) => coding.trim().toLowerCase())
    .filter((coding) => coding !== '' && coding !== 'identity')
    .reverse();
  if (codings.length === 0) return body;
  const decoders = codings.map((coding) => DECODERS[coding]?.());
  if (decoders.some((decoder) => decoder === undefined)) {
    body.destroy();
    throw new UnknownCodingError(`unsupported Content-Encoding: ${contentEncoding}`);
  }
  // pipeline destroys every stream on the first error and hands that error on: a cut-short source
  // (Content-Length) and a decoder's "unexpected end of file" both reach the reader of the last one.
  return pipeline([body, ...(decoders as Transform[])], () => undefined) as unknown as Readable;
}

/** What `finished` (node:stream) reports for a body that closed before its end: the fetcher counts it as cut short. */
function prematureClose(): Error {
  return Object.assign(new Error('Premature close'), { code: 'ERR_STREAM_PREMATURE_CLOSE' });
}

/**
 * A pull reader over a Node stream, as `Readable`'s async iterator reads it (paused mode: `read()` on
 * 'readable'; an error, or a close before the end, is thrown once the buffer is read) without its async
 * generator and `finished` machinery: those cost about a seventh of a page's fetch CPU (0.05 of 0.36 ms).
 */
function createStreamReader(stream: Readable): () => Promise<{ done: boolean; value?: Uint8Array }> {
  let ending: { readonly error?: unknown } | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    const resolve = wake;
    wake = undefined;
    resolve?.();
  };
  stream.on('readable', notify);
  stream.on('end', () => {
    ending ??= {};
    notify();
  });
  stream.on('error', (error: unknown) => {
    ending ??= { error };
    notify();
  });
  stream.on('close', () => {
    ending ??= { error: prematureClose() };
    notify();
  });
  return async () => {
    for (;;) {
      const chunk = stream.destroyed ? null : (stream.read() as Uint8Array | null);
      if (chunk !== null) return { done: false, value: chunk };
      if (ending !== undefined) {
        if ('error' in ending) throw ending.error;
        return { done: true };
      }
      await new Promise<void>((resolve) => (wake = resolve));
    }
  };
}

/**
 * The slice of a web body the policy fetcher reads, over a Node stream (`Readable.toWeb` would do, but its
 * controller throws "already closed" when the fetcher cancels a body mid-read at the size cap).
 */
function toBody(stream: Readable): HttpResponse['body'] {
  // An error while nobody reads (the fetch gave up at a status or the cap, then the timeout fired) would
  // be an unhandled 'error' event; a reader still gets it, from its next read.
  stream.on('error', () => undefined);
  // Listening starts with the first read, so a body never read (a 304, a refused status) is not pulled.
  let reader: ReturnType<typeof createStreamReader> | undefined;
  const cancel = (): Promise<void> => {
    stream.destroy();
    return Promise.resolve();
  };
  const read = () => (reader ??= createStreamReader(stream))();
  return { getReader: () => ({ read, cancel }), cancel };
}

function headerValue(value: string | string[] | undefined): string | null {
  if (value === undefined) return null;
  return Array.isArray(value) ? value.join(', ') : value;
}

/**
 * @example createPolicyFetchPage({ send: createNodeSendRequest(agent), classifyBodyError })
 */
export function createNodeSendRequest(dispatcher: Dispatcher): SendRequest {
  return async (url, init): Promise<HttpResponse> => {
    const response = await request(url, {
      dispatcher,
      method: 'GET',
      headers: { ...init.headers, 'accept-encoding': ACCEPT_ENCODING },
      signal: init.signal,
    });
    const body = decode(response.body, headerValue(response.headers['content-encoding']) ?? undefined);
    return {
      status: response.statusCode,
      headers: { get: (name) => headerValue(response.headers[name.toLowerCase()]) },
      body: toBody(body),
    };
  };
}

const TRUNCATED = new Set(['Z_BUF_ERROR', 'UND_ERR_RES_CONTENT_LENGTH_MISMATCH', 'ERR_STREAM_PREMATURE_CLOSE']);

/** Which body errors mean "cut short" and which "not the coding it claims" (zlib's and undici's codes). */
export function classifyBodyError(error: unknown): 'truncated' | 'bad-encoding' | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  if (typeof code !== 'string') return undefined;
  if (TRUNCATED.has(code)) return 'truncated';
  if (code === 'Z_DATA_ERROR' || code.startsWith('ERR__ERROR_FORMAT') || code === 'LEDE_UNKNOWN_CODING')
    return 'bad-encoding';
  return undefined;
}
