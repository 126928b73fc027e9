/**
 * @module tests/conformance/robots-google
 * Lede's robots.txt matcher (src/core/signals/robots.ts, path-pattern.ts) against the cases of Google's
 * reference parser (robots-google-cases.ts says where they come from and under which licence). A row Lede
 * deliberately answers otherwise must say why (`notFollowed`) and is asserted the other way round.
 */
import { describe, expect, it } from 'vitest';
import { normalizePath, toMatchPath } from '../../src/core/signals/path-pattern.ts';
import { LEDE_PRODUCT_TOKEN, parseRobotsTxt } from '../../src/core/signals/robots.ts';
import {
  AGENT_TOKEN_CASES,
  ESCAPE_PATTERN_CASES,
  MATCH_PATH_CASES,
  ROBOTS_BYTES_CASES,
  ROBOTS_CASES,
} from './robots-google-cases.ts';

function label(test: string, agent: string, url: string): string {
  return `${test}: ${agent || '(no agent)'} ${url.length > 80 ? `${url.slice(0, 60)}…` : url || '(no url)'}`;
}

describe('google/robotstxt robots_test.cc', () => {
  it.each(ROBOTS_CASES.map((row) => [label(row.test, row.agent, row.url), row] as const))('%s', (_, row) => {
    const expected = row.notFollowed === undefined ? row.allowed : !row.allowed;
    expect(parseRobotsTxt(row.robots, row.agent).isAllowed(row.url)).toBe(expected);
  });

  it.each(ROBOTS_BYTES_CASES.map((row) => [`${row.test}: ${row.bytes.join(',')}`, row] as const))('%s', (_, row) => {
    const bytes = new Uint8Array([...row.bytes, ...new TextEncoder().encode(row.rest)]);
    const text = new TextDecoder().decode(bytes);
    const expected = row.notFollowed === undefined ? row.allowed : !row.allowed;
    expect(parseRobotsTxt(text, row.agent).isAllowed(row.url)).toBe(expected);
  });

  it.each(MATCH_PATH_CASES.map((row) => [row.url || '(empty)', row] as const))(
    'TestGetPathParamsQuery: %s',
    (_, row) => {
      if (row.notFollowed === undefined) expect(toMatchPath(row.url)).toBe(row.path);
      else expect(toMatchPath(row.url)).not.toBe(row.path);
    },
  );

  it.each(ESCAPE_PATTERN_CASES)('TestMaybeEscapePattern: %s → %s', (pattern, expected) => {
    expect(normalizePath(pattern)).toBe(expected);
  });

  it('ID_VerifyValidUserAgentsToObey: the rows follow RFC 9309 §2.2.1, and so does the token Lede obeys', () => {
    const identifier = /^[A-Za-z_-]+$/;
    for (const [token, valid] of AGENT_TOKEN_CASES) expect(identifier.test(token), token).toBe(valid);
    expect(LEDE_PRODUCT_TOKEN).toMatch(identifier);
  });

  it('says why for every row it does not follow, and keeps them few', () => {
    const divergent = ROBOTS_CASES.filter((row) => row.notFollowed !== undefined);
    for (const row of divergent) expect(row.notFollowed).toMatch(/\w{4,}.*\w{4,}/);
    expect(ROBOTS_CASES.length).toBeGreaterThan(150);
    expect(divergent.length).toBeLessThan(10);
  });
});
