/**
 * @module tests/fuzz/serve.fuzz
 * Fuzzing Lede's own door: the app as both runtimes build it (`createApp`, over a real node:sqlite store with
 * two published feeds whose items hold hostile text), sent hostile requests — paths with encoded traversal,
 * NULs and Unicode, query strings with hostile, duplicated, malformed and overlong parameters (`limit`,
 * `after`, `category`, `q`, `since`), hostile `If-None-Match`, `If-Modified-Since`, `Accept-Encoding` and
 * `Authorization`, and every method. Every answer is a 2xx, 3xx or 4xx (a 503 only with `Retry-After`),
 * never a 500; a JSON body parses; a feed body is a valid feed whose items link back to their articles.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseFeedDefinition } from '../../src/core/config/feed-definition.ts';
import type { Log } from '../../src/core/ports.ts';
import type { RefreshRunner } from '../../src/core/refresh/refresh-runner.ts';
import { publishFeed } from '../../src/core/refresh/publish-feed.ts';
import { createApp } from '../../src/core/serve/app.ts';
import { encodeCursor } from '../../src/core/serve/feed-query.ts';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import { makeItem, makeRecord } from '../contract/store-conformance-records.ts';
import { assertValidAtom, assertValidJsonFeed, assertValidRss } from '../helpers/feed-validity.ts';
import { hostileDate, hostileFragment, hostileText } from './arbitraries/hostile-text.ts';
import { fuzzAsync, PROPERTY_TIMEOUT_MS } from './fuzz-settings.ts';

const PUBLIC_URL = 'http://lede.test';
const NOW = new Date('2025-06-01T12:00:00Z');
const TOKEN = 'fuzz-admin-token';
const FEEDS = ['alpha', 'beta'];

const NO_RUNNER: RefreshRunner = {
  refresh: () => Promise.reject(new Error('no refresh while fuzzing')),
  refreshMany: () => Promise.reject(new Error('no refresh while fuzzing')),
  isRunning: () => false,
  idle: () => Promise.resolve(),
};

function define(id: string) {
  const raw = {
    title: `Feed ${id}`,
    site: `https://${id}.example/`,
    source: { type: 'feed', url: `https://${id}.example/rss` },
    license: { maxShare: 0.3, attribution: `${id} <News> & ]]>` },
    schedule: '0 * * * *',
    maxItems: 5,
  };
  const result = parseFeedDefinition(id, raw, `${id}.json`);
  if (!result.ok) throw new Error(JSON.stringify(result.problems));
  return result.definition;
}

/** Titles and categories of the published items: hostile text, fixed so the store is built once. */
const HOSTILE_TITLES = fc.sample(hostileText(8), { numRuns: 12, seed: 42 });

/** Percent-encoded, lone surrogates included (as U+FFFD, which is what a client would send). */
const encode = (text: string): string => encodeURIComponent(text.replace(/\p{Surrogate}/gu, '\ufffd'));

let send: (request: Request) => Promise<Response>;
const errors: string[] = [];
/** A cursor that decodes to a real key, so paging is exercised past the first page. */
let realCursor = '';

beforeAll(async () => {
  const store = await openSqliteStore(':memory:');
  const feeds = FEEDS.map(define);
  const log: Log = (level, message, fields) => {
    if (level === 'error') errors.push(`${message} ${JSON.stringify(fields)}`);
  };
  for (const [n, title] of HOSTILE_TITLES.entries()) {
    const feedId = FEEDS[n % 2] ?? 'alpha';
    const url = `https://${feedId}.example/news/${String(n)}?q=${encode(title.slice(0, 10))}`;
    const published = new Date(Date.UTC(2025, 4, 1 + (n % 5))).toISOString();
    const item = makeItem(url, published, { title, categories: [title.slice(0, 8), 'Экономика'] });
    await store.putArticle(makeRecord(feedId, url, { state: 'ready', discoveredAt: published, item }));
    if (n === 0) realCursor = encodeCursor({ published, discoveredAt: published, feedId, sourceUrl: url });
  }
  const deps = { store, clock: () => NOW, log, fetchPage: () => Promise.reject(new Error('no network')) };
  for (const feed of feeds) await publishFeed(deps, feed, PUBLIC_URL);
  const app = createApp({
    store,
    feeds: new Map(feeds.map((feed) => [feed.id, feed])),
    runner: NO_RUNNER,
    adminToken: TOKEN,
    log,
    clock: () => NOW,
  });
  send = async (request) => app.request(request);
});

const pathSegment = fc.oneof(
  fc.constantFrom(
    ...FEEDS,
    'all',
    'nope',
    'ALPHA',
    'alpha ',
    '..',
    '.',
    '%2e%2e',
    '%2E%2E%2F',
    '%00',
    '%',
    '%zz',
    '%C0%AE',
  ),
  fc.constantFrom('alpha.rss', 'alpha.atom', 'alpha.json', 'all.rss', 'all.atom', 'all.json', 'alpha.RSS', 'alpha.xml'),
  fc.constantFrom('alpha.rss%00', 'alpha%2Erss', 'alpha.json/', 'a'.repeat(3000) + '.rss', '\u202ealpha.json'),
  hostileFragment.map(encode),
);

const path = fc.oneof(
  fc.constantFrom('/', '/healthz', '/feeds.opml', '/feeds/', '/feeds', '/admin/refresh', '//feeds/alpha.rss'),
  pathSegment.map((segment) => `/feeds/${segment}`),
  fc.tuple(pathSegment, fc.constantFrom('audit', 'x', '')).map(([segment, tail]) => `/feeds/${segment}/${tail}`),
  pathSegment.map((segment) => `/admin/takedown/${segment}`),
  pathSegment.map((segment) => `/admin/refresh/${segment}`),
  fc.array(pathSegment, { maxLength: 4 }).map((segments) => `/${segments.join('/')}`),
);

const parameterValue = fc.oneof(
  fc.constantFrom('1', '0', '-1', '5', '6', '1e3', '0x10', '1.5', '99999999999999999999', 'NaN', '', ' 2', '٣'),
  fc.constantFrom('2025-05-01', '2025-05-01T00:00:00Z', '2025-13-45', '+275760-09-13', '1970-01-01T00:00'),
  fc.constantFrom('Экономика', 'ЭКОНОМИКА', 'ﬁ', 'x'.repeat(300), 'eyJ9', 'W10', 'WyIiXQ', 'bnVsbA', '!!!', '='),
  hostileDate,
  hostileText(4),
  fc.constant('REAL_CURSOR'),
);

const query = fc
  .array(
    fc.tuple(
      fc.constantFrom('limit', 'after', 'category', 'q', 'since', 'format', 'LIMIT', 'limit[]', '', '__proto__'),
      parameterValue,
      fc.constantFrom('encoded', 'encoded', 'raw'),
    ),
    { maxLength: 5 },
  )
  .map((pairs) =>
    pairs
      .map(([name, value, how]) => {
        const text = value === 'REAL_CURSOR' ? realCursor : value;
        return how === 'raw' ? `${name}=${text}` : `${name}=${encode(text)}`;
      })
      .join('&'),
  );

const headerValue = (values: string[]) =>
  fc.option(fc.oneof(fc.constantFrom(...values), hostileText(3)), { nil: undefined });

const headers = fc.record({
  'if-none-match': headerValue(['*', '"x"', 'W/"x"', '"a", "b"', 'W/', '""', '"' + 'f'.repeat(5000) + '"']),
  'if-modified-since': headerValue([
    'Sun, 01 Jun 2025 12:00:00 GMT',
    'Thu, 01 Jan 1970 00:00:00 GMT',
    'garbage',
    '0',
    'Sat, 01 Jan 30000 00:00:00 GMT',
  ]),
  'accept-encoding': headerValue(['gzip', 'br;q=1, gzip;q=0.5', 'identity;q=0', '*;q=0', '*', 'gzip;q=NaN']),
  authorization: headerValue([
    `Bearer ${TOKEN}x`,
    'Bearer',
    'Basic YWRtaW46YWRtaW4=',
    `bearer ${TOKEN.toUpperCase()}`,
    '',
  ]),
  accept: headerValue(['text/html', 'application/json', '*/*', 'application/rss+xml;q=0']),
});

/** A header value a Request can carry (no control characters, no non-Latin-1 code points). */
function toHeaderValue(value: string): string | undefined {
  return /^[\t\x20-\x7e\x80-\xff]*$/.test(value) ? value.trim() : undefined;
}

function buildRequest(method: string, target: string, search: string, fields: Record<string, string | undefined>) {
  let url: URL;
  try {
    url = new URL(`${PUBLIC_URL}${target}${search === '' ? '' : `?${search}`}`);
  } catch {
    return undefined;
  }
  const headers = new Headers();
  for (const [name, value] of Object.entries(fields)) {
    const safe = value === undefined ? undefined : toHeaderValue(value);
    if (safe !== undefined) headers.set(name, safe);
  }
  return new Request(url, { method, headers });
}

/** Every answer: not a server error; its body as its type says (JSON parses, a feed is a valid feed). */
async function checkAnswer(request: Request, response: Response): Promise<void> {
  const where = `${request.method} ${request.url}`;
  const body = await response.text();
  expect(response.status, `${where}: ${body.slice(0, 200)}`).toBeLessThan(
    500 + (response.headers.has('retry-after') ? 4 : 0),
  );
  expect(response.status, where).not.toBe(500);
  expect(errors, where).toEqual([]);
  if (request.method === 'HEAD' || response.status === 204 || response.status === 304) {
    expect(body, where).toBe('');
    return;
  }
  const type = response.headers.get('content-type') ?? '';
  if (/json/.test(type) && response.status === 200 && /\/feeds\/[a-z]+\.json/.test(request.url))
    assertValidJsonFeed(body);
  else if (/json/.test(type)) JSON.parse(body);
  else if (/rss\+xml/.test(type)) assertValidRss(body);
  else if (/atom\+xml/.test(type)) assertValidAtom(body);
  // Any other answer is HTML (pages) or OPML; the token doors answer JSON too (src/core/serve/token-auth.ts).
  else expect(type, `${where}: content-type`).toMatch(/^(text\/html|text\/x-opml|application\/xml)/);
}

/** Send one hostile request (those a client cannot even build are skipped) and check the answer. */
async function sendAndCheck([method, target, search, fields]: [
  string,
  string,
  string,
  Record<string, string | undefined>,
]) {
  const request = buildRequest(method, target, search, fields);
  if (request !== undefined) await checkAnswer(request, await send(request.clone()));
}

describe('fuzz: hostile requests to the serve app', () => {
  it(
    'never a 500: statuses below 500 (or 503 with Retry-After), bodies as their type says',
    { timeout: PROPERTY_TIMEOUT_MS },
    () =>
      fuzzAsync(
        fc.tuple(
          fc.constantFrom('GET', 'GET', 'GET', 'HEAD', 'OPTIONS', 'POST', 'DELETE', 'PUT'),
          path,
          query,
          headers,
        ),
        sendAndCheck,
        150,
      ),
  );
});
