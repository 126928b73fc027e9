/**
 * @module core/serve/plain-answer
 * An answer whose status, bytes and headers are known as plain values: the feed route's 200s and 304s, the
 * hot path of every server (issue 11). It is an ordinary `Response` — the app and both runtimes treat it as
 * one — whose parts are also kept beside it, so that what wraps the app reads them without touching
 * `Response.headers`:
 * - the request log counts the body from its length (src/core/serve/request-log.ts);
 * - Node's compression reads its validators and type, and builds its own answer (src/runtime/node/compression.ts).
 * On Node that matters: @hono/node-server writes a `Response` built from a body and a plain header object
 * straight to the socket, and the first read of `headers` turns the object into a `Headers` (one per request).
 * The headers given are never changed: derive a new object to answer differently.
 */

/** What a plain answer is made of. */
export interface PlainAnswer {
  readonly status: number;
  readonly body: Uint8Array<ArrayBuffer> | null;
  /** One spelling per name (as the feed route writes them: `ETag`, `Content-Type`…), never changed. */
  readonly headers: Readonly<Record<string, string>>;
}

const answers = new WeakMap<Response, PlainAnswer>();

/**
 * A `Response` for `answer`, its parts kept beside it for `plainAnswerOf`.
 * @example return answerPlainly({ status: 304, body: null, headers: served.notModifiedHeaders })
 */
export function answerPlainly(answer: PlainAnswer): Response {
  const response = new Response(answer.body, { status: answer.status, headers: answer.headers });
  answers.set(response, answer);
  return response;
}

/**
 * The parts of a response `answerPlainly` made, or `undefined` for any other.
 * @example plainAnswerOf(response)?.headers.ETag
 */
export function plainAnswerOf(response: Response): PlainAnswer | undefined {
  return answers.get(response);
}
