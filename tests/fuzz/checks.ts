/**
 * @module tests/fuzz/checks
 * One invariant check per parser Lede runs on what the network gives it, shared by the fuzz properties and
 * the replay of kept crashers (tests/fuzz/regressions/<check>/…, replayed by regressions.test.ts). Each takes
 * the raw input as a string and throws when an invariant breaks: an exception other than the typed
 * `LedeError` the function documents, a value of the wrong shape (a date that is not an ISO instant, a URL
 * that does not parse, a negative delay).
 */
import { expect } from 'vitest';
import { LedeError, type LedeErrorCode } from '../../src/core/errors.ts';
import { parseDate } from '../../src/core/dates.ts';
import { decodeBody } from '../../src/core/pull/decode-body.ts';
import { toPlainText } from '../../src/core/pull/html-to-text.ts';
import { checkArticleType } from '../../src/core/pull/check-article-type.ts';
import { parseMaxAge, parseRetryAfter, resolveRedirect } from '../../src/core/pull/http-policy.ts';
import { isSameSite } from '../../src/core/same-site.ts';
import { parseFeed } from '../../src/core/pull/parse-feed.ts';
import { parseListing } from '../../src/core/pull/parse-listing.ts';
import { parseSitemap } from '../../src/core/pull/parse-sitemap.ts';
import { readXRobotsTag } from '../../src/core/signals/robots-directives.ts';
import { readHeaderSignals } from '../../src/core/signals/read-header-signals.ts';
import { readUsagePreference } from '../../src/core/signals/content-usage.ts';
import { parseRobotsTxt } from '../../src/core/signals/robots.ts';
import { findRslTerms, parseRsl } from '../../src/core/signals/rsl.ts';
import { findTdmRule, parseTdmrepJson } from '../../src/core/signals/tdmrep.ts';
import type { SourceEntry } from '../../src/core/types.ts';

export const FEED_URL = 'https://news.example/feed/rss';
const PROBE_URL = 'https://news.example/a/1';
export const NOW_MS = Date.parse('2025-06-01T12:00:00Z');
/** Paths the signal matchers are asked about, hostile ones included. */
export const PROBE_PATHS = [
  '/',
  '/news/1',
  '/a%2Fb',
  '/%zz',
  '/ü/€',
  '/a/../b',
  '//x',
  '/*$',
  '/\u0000',
  '/' + 'a/'.repeat(200),
];

/** Run `parse`; a thrown error must be a LedeError with one of `codes`. */
export function expectTotalOr<T>(codes: readonly LedeErrorCode[], parse: () => T): T | undefined {
  try {
    return parse();
  } catch (error) {
    if (error instanceof LedeError && codes.includes(error.code)) return undefined;
    throw error;
  }
}

export function expectIsoInstant(value: string | undefined, what: string): void {
  if (value === undefined) return;
  const time = Date.parse(value);
  expect(Number.isNaN(time), `${what} ${value} is not a date`).toBe(false);
  expect(new Date(time).toISOString(), `${what} is not an ISO instant`).toBe(value);
}

function expectAbsoluteUrl(value: string | undefined, what: string): void {
  if (value === undefined) return;
  expect(URL.canParse(value), `${what} ${value} is not an absolute URL`).toBe(true);
}

/** A source entry as the later stages rely on: an absolute URL, ISO dates, text fields as strings. */
export function expectEntry(entry: SourceEntry): void {
  expectAbsoluteUrl(entry.url, 'entry url');
  expectAbsoluteUrl(entry.image, 'entry image');
  expectIsoInstant(entry.published, 'published');
  expectIsoInstant(entry.updated, 'updated');
  for (const value of [entry.title, entry.author, entry.summary, entry.language])
    expect(['string', 'undefined']).toContain(typeof value);
  // A summary is a hint, cut to 400 characters (and an ellipsis).
  if (entry.summary !== undefined) expect(entry.summary.length).toBeLessThanOrEqual(401);
  for (const category of entry.categories ?? []) expect(typeof category).toBe('string');
}

export function checkFeed(body: string): SourceEntry[] {
  const entries = expectTotalOr(['malformed-source'], () => parseFeed(body, FEED_URL)) ?? [];
  entries.forEach(expectEntry);
  return entries;
}

export function checkSitemap(body: string): void {
  const parsed = expectTotalOr(['malformed-source'], () => parseSitemap(body, 'https://news.example/sitemap.xml'));
  if (parsed?.kind === 'urlset') parsed.entries.forEach(expectEntry);
  if (parsed?.kind === 'index')
    for (const sitemap of parsed.sitemaps) {
      expectAbsoluteUrl(sitemap.url, 'sitemap url');
      expectIsoInstant(sitemap.lastmod, 'lastmod');
    }
}

/** The selectors feed definitions use; the listing's HTML is what is hostile. */
const LISTING_SELECTORS: readonly [string, string][] = [
  ['a.card', 'a.next'],
  ['article h2 a', 'link[rel=next]'],
  ['.news-list > li', '.pagination a:last-child'],
  ['a[href*="/news/"]', 'a[rel~="next"]'],
];

export function checkListing(html: string): void {
  for (const [links, next] of LISTING_SELECTORS) {
    const page = parseListing(html, 'https://news.example/news/', links, next);
    page.entries.forEach(expectEntry);
    expectAbsoluteUrl(page.next, 'next page');
  }
}

export function checkPlainText(html: string): void {
  const text = toPlainText(html);
  if (text !== undefined) expect(text).toBe(text.replace(/\s+/g, ' ').trim());
  if (text !== undefined) expect(text.length).toBeGreaterThan(0);
}

/** `input`: the date, then optionally a tab and the time zone to read it in. */
export function checkDate(input: string): void {
  const [text, timezone] = input.split('\t');
  expectIsoInstant(parseDate(text, timezone), 'parsed date');
}

/** Retry-After and Cache-Control values: a delay is a number of seconds, never negative or NaN. */
export function checkRetryAfter(value: string): void {
  const seconds = parseRetryAfter(value, NOW_MS);
  if (seconds !== undefined) {
    expect(Number.isNaN(seconds)).toBe(false);
    expect(seconds).toBeGreaterThanOrEqual(0);
    expect(Number.isInteger(seconds) || seconds === Infinity).toBe(true);
  }
}

export function checkCacheControl(value: string): void {
  const seconds = parseMaxAge(value);
  if (seconds !== undefined) {
    expect(Number.isNaN(seconds)).toBe(false);
    expect(seconds).toBeGreaterThanOrEqual(0);
  }
}

/** A redirect's `Location`: followed only to an http(s) URL on the same site, else a typed refusal. */
export function checkRedirect(location: string): void {
  const target = expectTotalOr(['network', 'off-host-redirect'], () =>
    resolveRedirect(FEED_URL, location, 'news.example', 0, 5),
  );
  if (target === undefined) return;
  const url = new URL(target);
  expect(['http:', 'https:']).toContain(url.protocol);
  expect(isSameSite(url.hostname, 'news.example'), target).toBe(true);
}

/** An article response's Content-Type and the start of its body: HTML passes, anything else is refused, typed. */
export function checkContentType(input: string): void {
  const newline = input.indexOf('\n');
  expectTotalOr(['bad-content-type'], () => {
    checkArticleType(PROBE_URL, input.slice(0, Math.max(0, newline)), input.slice(newline + 1));
  });
}

/** robots.txt (RFC 9309): never throws, and every path gets an answer. */
export function checkRobots(text: string): void {
  const robots = parseRobotsTxt(text);
  for (const path of PROBE_PATHS) expect(typeof robots.isAllowed(path)).toBe('boolean');
  for (const license of robots.licenses) expect(typeof license).toBe('string');
}

export function checkTdmrep(text: string): void {
  const rules = parseTdmrepJson(text, 'https://news.example/.well-known/tdmrep.json');
  for (const path of PROBE_PATHS) findTdmRule(rules, path);
  for (const rule of rules) expectAbsoluteUrl(rule.policy, 'tdm-policy');
}

export function checkRsl(xml: string): void {
  const terms = expectTotalOr(['malformed-source'], () =>
    parseRsl(xml, 'https://news.example/license.xml', 'https://news.example'),
  );
  if (terms) for (const path of PROBE_PATHS) findRslTerms(terms, path);
}

/** Response header values of an article page (`input`: one value, given to every signal header). */
export function checkSignalHeaders(value: string): void {
  readXRobotsTag(value);
  readUsagePreference(value);
  readUsagePreference(value, 'Content-Signal');
  const signals = readHeaderSignals(
    { 'x-robots-tag': value, 'content-usage': value, link: value, 'tdm-reservation': value, 'tdm-policy': value },
    'https://news.example/a/1',
  );
  if (signals.maxSnippet !== undefined) expect(Number.isInteger(signals.maxSnippet)).toBe(true);
}

/**
 * A response body decoded by its bytes, header and declarations (`input`: the Content-Type header, a newline,
 * the body in base64). Never throws; a UTF-8 BOM, and bytes that are valid non-ASCII UTF-8, read as UTF-8
 * whatever is declared; the text then goes to the feed parser, as a feed's body does.
 */
export function checkDecodedBody(input: string): void {
  const newline = input.indexOf('\n');
  const contentType = input.slice(0, newline);
  const bytes = new Uint8Array(Buffer.from(input.slice(newline + 1), 'base64'));
  const text = decodeBody(bytes, contentType === '' ? undefined : contentType);
  expect(typeof text).toBe('string');
  const utf8 = (part: Uint8Array) => new TextDecoder('utf-8').decode(part);
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) expect(text).toBe(utf8(bytes.subarray(3)));
  else if (isNonAsciiUtf8(bytes) && !isUtf16Start(bytes)) expect(text).toBe(utf8(bytes));
  checkFeed(text);
}

/** A UTF-16 BOM, or a NUL in the first two bytes (UTF-16 without a BOM, told by decodeBody first). */
function isUtf16Start(bytes: Uint8Array): boolean {
  const [first, second] = bytes;
  return first === 0 || second === 0 || (first === 0xfe && second === 0xff) || (first === 0xff && second === 0xfe);
}

function isNonAsciiUtf8(bytes: Uint8Array): boolean {
  if (bytes.every((byte) => byte < 0x80)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** Every check a kept regression input may name (its folder under tests/fuzz/regressions/). */
export const CHECKS: Readonly<Record<string, (input: string) => unknown>> = {
  feed: checkFeed,
  'decoded-body': checkDecodedBody,
  sitemap: checkSitemap,
  listing: checkListing,
  'plain-text': checkPlainText,
  date: checkDate,
  'retry-after': checkRetryAfter,
  'cache-control': checkCacheControl,
  redirect: checkRedirect,
  'content-type': checkContentType,
  robots: checkRobots,
  tdmrep: checkTdmrep,
  rsl: checkRsl,
  'signal-headers': checkSignalHeaders,
};
