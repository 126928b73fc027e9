/**
 * @module runtime/node/compression
 * gzip and Brotli for Lede on Node, around the core app's `fetch` (the core stays runtime-free; on Workers
 * Cloudflare compresses at the edge, docs/workers.md "Compression").
 *
 * - What: every answer that carries an ETag — a stored rendition, the OPML — in a compressible type. Those
 *   are the large, repeated bodies; the ETag names their bytes, so the compressed bytes are made ONCE per
 *   rendition and encoding (a bounded in-memory cache keyed by ETag and coding) and reused by every request,
 *   while a cache hit never reads the identity body at all.
 * - Which coding: `Accept-Encoding` with its q-values (RFC 9110 §12.5.3): the acceptable coding of highest
 *   weight, Brotli on a tie, identity when neither is acceptable (or the header is absent).
 * - Validators: a compressed answer's ETag is the weak form of the identity's (`W/"…"`). The codings are
 *   different representations, so they may not share a strong ETag (RFC 9110 §8.8.3); a weak one says "the
 *   same content", which is what a reader's conditional request asks, and If-None-Match compares weakly
 *   (§13.1.2), so `W/"x"` and `"x"` both revalidate to 304 through the core's unchanged decision. nginx and
 *   Cloudflare weaken compressed ETags the same way. `Vary: Accept-Encoding` on all of them, 304s included.
 * - HEAD is run as the GET and its body dropped, so its Content-Length is the coded body's.
 */
import { plainAnswerOf, type PlainAnswer } from '../../core/serve/plain-answer.ts';
import { rememberBounded } from '../../core/remember.ts';
import { createCodedCache, type CodedCache, type Coding } from './coded-bytes.ts';

/** A Hono `fetch`; `env` carries @hono/node-server's bindings (the socket, for the client's address). */
export type Fetch = (request: Request, env?: unknown) => Response | Promise<Response>;

const COMPRESSIBLE = /^(text\/|application\/([\w.-]+\+)?(xml|json)\b)/i;

/** At most this many compressed bytes are kept; the least recently used go first. */
const DEFAULT_MAX_BYTES = 32 * 1024 * 1024;

function parseWeights(header: string): Map<string, number> {
  const weights = new Map<string, number>();
  for (const part of header.split(',')) {
    const [name = '', ...params] = part.trim().toLowerCase().split(';');
    const q = params.map((param) => /^\s*q\s*=\s*([\d.]+)\s*$/.exec(param)?.[1]).find((value) => value !== undefined);
    if (name) weights.set(name.trim(), q === undefined ? 1 : Number(q));
  }
  return weights;
}

/**
 * The coding to answer with for an `Accept-Encoding` header, or `undefined` for identity.
 * @example chooseCoding('gzip;q=1, br;q=0.5') // 'gzip'
 */
export function chooseCoding(header: string | null): Coding | undefined {
  if (header === null) return undefined;
  const weights = parseWeights(header);
  const weightOf = (coding: Coding) => weights.get(coding) ?? weights.get('*') ?? 0;
  const [best] = (['br', 'gzip'] as const)
    .filter((coding) => weightOf(coding) > 0)
    .sort((a, b) => weightOf(b) - weightOf(a));
  return best;
}

/** At most this many distinct `Accept-Encoding` values are remembered (clients send a handful). */
const CHOICES_KEPT = 64;

/** `chooseCoding`, remembered per header value: the same few values arrive on every request. */
function rememberChoices() {
  const choose = rememberBounded(chooseCoding, CHOICES_KEPT);
  return (header: string | null): Coding | undefined => (header === null ? undefined : choose(header));
}

function varyOn(vary: string | null | undefined): string {
  if (vary?.toLowerCase().includes('accept-encoding')) return vary;
  return vary ? `${vary}, Accept-Encoding` : 'Accept-Encoding';
}

function weaken(etag: string): string {
  return etag.startsWith('W/') ? etag : `W/${etag}`;
}

/** A plain header record's value for `name`, whatever its spelling. */
function valueOf(headers: Readonly<Record<string, string>>, name: string): string | undefined {
  for (const key in headers) if (key.toLowerCase() === name) return headers[key];
  return undefined;
}

/** A plain answer's headers with `changes`, each name replacing the one of any spelling it had. */
function withHeaders(headers: Readonly<Record<string, string>>, changes: Record<string, string>) {
  const names = new Set(Object.keys(changes).map((name) => name.toLowerCase()));
  const kept = Object.entries(headers).filter(([name]) => !names.has(name.toLowerCase()));
  return Object.freeze({ ...Object.fromEntries(kept), ...changes });
}

/** What compression needs of a plain answer's headers, derived once per header record (once per rendition). */
interface PlainCoding {
  /** Not negotiable (no ETag, an incompressible type, already coded): answered as the app gave it. */
  readonly asIs: boolean;
  readonly etag: string;
  readonly identity: Readonly<Record<string, string>>;
  /** Whether the identity headers state Content-Length (the feed route's always do). */
  readonly lengthStated: boolean;
  /** A 304's headers for a coded representation; a 200's, once its coded length is known. */
  readonly coded: Map<string, Readonly<Record<string, string>>>;
  /** The coded-bytes cache's key for each coding (`${etag} ${coding}`), made once, not per request. */
  readonly bytesKeys: Readonly<Record<Coding, string>>;
  /** The answers given, by the keys of `ANSWER_KEYS`: reused while the answer they came from is the same. */
  readonly answers: Map<string, PlainAnswer>;
}

/** The keys of a rendition's derived headers and answers, by status and coding: constants, so no key per request. */
const ANSWER_KEYS = {
  304: { br: '304 br', gzip: '304 gzip', identity: '304 identity' },
  200: { br: '200 br', gzip: '200 gzip', identity: '200 identity' },
} as const;

/**
 * Whether an answer has codings to choose between: one with an ETag (a stored rendition, the OPML), a 200 of a
 * compressible type or a 304 of one, not coded already.
 */
function isNegotiable(status: number, etag: string | null | undefined, type: string, coded: boolean): boolean {
  return Boolean(etag) && !coded && (status === 304 || (status === 200 && COMPRESSIBLE.test(type)));
}

function derivePlainCoding(answer: PlainAnswer): PlainCoding {
  const { headers, status } = answer;
  const etag = valueOf(headers, 'etag') ?? '';
  const type = valueOf(headers, 'content-type') ?? '';
  const asIs = !isNegotiable(status, etag, type, valueOf(headers, 'content-encoding') !== undefined);
  const identity = asIs ? headers : withHeaders(headers, { Vary: varyOn(valueOf(headers, 'vary')) });
  const lengthStated = valueOf(headers, 'content-length') !== undefined;
  const bytesKeys = { br: `${etag} br`, gzip: `${etag} gzip` };
  return { asIs, etag, identity, lengthStated, coded: new Map(), bytesKeys, answers: new Map() };
}

/** A coded 304's headers (`length` undefined) or a coded 200's, derived once per rendition and coding. */
function codedHeaders(plain: PlainCoding, coding: Coding, length?: number): Readonly<Record<string, string>> {
  const key = ANSWER_KEYS[length === undefined ? 304 : 200][coding];
  let headers = plain.coded.get(key);
  if (!headers) {
    const etag = { ETag: weaken(plain.etag) };
    const changes =
      length === undefined ? etag : { ...etag, 'Content-Encoding': coding, 'Content-Length': String(length) };
    plain.coded.set(key, (headers = withHeaders(plain.identity, changes)));
  }
  return headers;
}

/**
 * `{ status, body, headers }`, the very object given last time for `key` when it has the same parts: a
 * rendition's answers are the same every time, so a 304 or 200 allocates no answer of its own.
 */
function reuseAnswer(
  plain: PlainCoding,
  key: string,
  status: number,
  body: PlainAnswer['body'],
  headers: PlainAnswer['headers'],
) {
  const given = plain.answers.get(key);
  if (given && given.status === status && given.body === body && given.headers === headers) return given;
  const answer = { status, body, headers };
  plain.answers.set(key, answer);
  return answer;
}

/** The answer for `coding` when it needs no coded bytes (not negotiable, identity, a 304), else `undefined`. */
function answerWithoutBytes(plain: PlainCoding, answer: PlainAnswer, coding: Coding | undefined) {
  if (plain.asIs) return answer;
  const { status, body } = answer;
  const keys = status === 304 ? ANSWER_KEYS[304] : ANSWER_KEYS[200];
  if (!coding) return reuseAnswer(plain, keys.identity, status, body, plain.identity);
  if (status === 304) return reuseAnswer(plain, keys[coding], 304, null, codedHeaders(plain, coding));
  return undefined;
}

function answerCoded(plain: PlainCoding, coding: Coding, bytes: Uint8Array<ArrayBuffer>, isHead: boolean): PlainAnswer {
  const headers = codedHeaders(plain, coding, bytes.byteLength);
  return isHead
    ? { status: 200, body: null, headers }
    : reuseAnswer(plain, ANSWER_KEYS[200][coding], 200, bytes, headers);
}

/**
 * Plain answers (src/core/serve/plain-answer.ts: the feed route's 200s and 304s) compressed without a `Headers`
 * per request: their header records are derived once per rendition and coding and reused, so they go out as
 * plain objects — at once (no promise) when the coded bytes are made.
 */
function createPlainCoder(coded: CodedCache) {
  const derived = new WeakMap<object, PlainCoding>();
  const derive = (answer: PlainAnswer) => {
    let plain = derived.get(answer.headers);
    if (!plain) derived.set(answer.headers, (plain = derivePlainCoding(answer)));
    return plain;
  };
  return {
    /** `answer` for `coding`, its coded bytes made (once) if need be. */
    code(answer: PlainAnswer, coding: Coding | undefined, isHead: boolean): PlainAnswer | Promise<PlainAnswer> {
      const plain = derive(answer);
      const done = answerWithoutBytes(plain, answer, coding);
      if (done || !coding) return done ?? answer;
      const identity = answer.body ?? new Uint8Array();
      const bytes = coded.get(plain.bytesKeys[coding], () => Promise.resolve(identity), coding);
      if (bytes instanceof Promise) return bytes.then((made) => answerCoded(plain, coding, made, isHead));
      return answerCoded(plain, coding, bytes, isHead);
    },
    /** `answer` for `coding` when that is known now and states its length; `undefined` otherwise (starts nothing). */
    codeNow(answer: PlainAnswer, coding: Coding | undefined): PlainAnswer | undefined {
      const plain = derive(answer);
      if (answer.body && !plain.asIs && !plain.lengthStated) return undefined;
      const done = answerWithoutBytes(plain, answer, coding);
      if (done || !coding) return done;
      const bytes = coded.peek(plain.bytesKeys[coding]);
      return bytes && answerCoded(plain, coding, bytes, false);
    },
  };
}

/** Any other answer with an ETag (the OPML), through its `Headers`: compressed once per ETag and coding too. */
async function codeResponse(
  response: Response,
  coded: CodedCache,
  coding: Coding | undefined,
  isHead: boolean,
): Promise<Response> {
  const etag = response.headers.get('ETag');
  const type = response.headers.get('Content-Type') ?? '';
  if (!etag || !isNegotiable(response.status, etag, type, response.headers.has('Content-Encoding'))) return response;
  // The app's own Response, whose headers are mutable: identity and 304 answers keep @hono/node-server's fast path.
  response.headers.set('Vary', varyOn(response.headers.get('Vary')));
  if (!coding) return response;
  response.headers.set('ETag', weaken(etag));
  if (response.status === 304) return response;
  const headers = new Headers(response.headers);
  const identity = async () => new Uint8Array(await response.arrayBuffer());
  // An unread identity body is left to the garbage collector, not cancelled: every answer with an ETag is
  // whole in memory (bytes or a string), and touching `body` would make @hono/node-server build a full Response.
  const bytes = await coded.get(`${etag} ${coding}`, identity, coding);
  headers.set('Content-Encoding', coding);
  headers.set('Content-Length', String(bytes.byteLength));
  return new Response(isHead ? null : bytes, { status: 200, headers });
}

/** A plain answer as a `Response` (the app's own when it is unchanged). */
function toResponse(answer: PlainAnswer, given: PlainAnswer, response: Response): Response {
  return answer === given ? response : new Response(answer.body, { status: answer.status, headers: answer.headers });
}

/** Compression for Lede on Node: the app's `fetch` wrapped, and the same choice for answers made in front of it. */
export interface Compression {
  /**
   * The core app's `fetch`, with compressed answers for clients that accept them. An answer the app gives at
   * once is coded at once when its coded bytes are made (no promise: @hono/node-server then writes it in the
   * same turn).
   */
  readonly wrap: (fetch: Fetch) => Fetch;
  /**
   * A plain answer as `wrap` would send it for this `Accept-Encoding`, when that is known at once: its coded
   * bytes made already, its length stated. `undefined` otherwise — the app's way (`wrap`) then makes them.
   * Node's listener answers from it (src/runtime/node/fast-feeds.ts).
   */
  readonly codeNow: (answer: PlainAnswer, acceptEncoding: string | null) => PlainAnswer | undefined;
}

/**
 * One coded-bytes cache and one memory of `Accept-Encoding` choices, shared by `wrap` and `codeNow`.
 * @example const compression = createCompression(); serve({ fetch: compression.wrap(app.fetch), port })
 */
export function createCompression(maxBytes = DEFAULT_MAX_BYTES): Compression {
  const coded = createCodedCache(maxBytes);
  const coder = createPlainCoder(coded);
  const choose = rememberChoices();
  const wrap =
    (fetch: Fetch): Fetch =>
    (request, env) => {
      const coding = choose(request.headers.get('Accept-Encoding'));
      const isHead = request.method === 'HEAD';
      const code = (response: Response) => {
        const plain = plainAnswerOf(response);
        if (!plain) return codeResponse(response, coded, coding, isHead);
        const answer = coder.code(plain, coding, isHead);
        if (answer instanceof Promise) return answer.then((made) => toResponse(made, plain, response));
        return toResponse(answer, plain, response);
      };
      const response = fetch(isHead && coding ? new Request(request, { method: 'GET' }) : request, env);
      return response instanceof Promise ? response.then(code) : code(response);
    };
  return { wrap, codeNow: (answer, acceptEncoding) => coder.codeNow(answer, choose(acceptEncoding)) };
}
