/**
 * @module tests/signals-robots
 * robots.txt for Lede (RFC 9309): path normalisation and wildcards, group choice, longest match,
 * RSL `License:` lines and AI-Preferences `Content-Usage:` rules; and what Content-Usage means for Lede.
 */
import { describe, expect, it } from 'vitest';
import { LedeError, type LedeErrorCode } from '../../../src/core/errors.ts';
import type { FetchPage } from '../../../src/core/ports.ts';
import { readUsagePreference } from '../../../src/core/signals/content-usage.ts';
import { matchesPathPattern, normalizePath, toMatchPath } from '../../../src/core/signals/path-pattern.ts';
import { findUsageRules, LEDE_PRODUCT_TOKEN, parseRobotsTxt } from '../../../src/core/signals/robots.ts';
import { readSiteSignals } from '../../../src/core/refresh/read-site-signals.ts';
import { isFetchAllowed } from '../../../src/core/signals/site-signals.ts';

describe('path patterns (RFC 9309 §2.2.2, §2.2.3)', () => {
  it.each([
    ['/a/b', '/a/b'],
    ['/%7Euser/%7e', '/~user/~'],
    ['/a%2fb', '/a%2Fb'],
    ['/caf%c3%a9', '/caf%C3%A9'],
    ['/café', '/caf%C3%A9'],
    ['/a b', '/a%20b'],
    ['/100%', '/100%'],
  ])('normalises %s to %s', (input, expected) => {
    expect(normalizePath(input)).toBe(expected);
  });

  it.each([
    ['/signals/private/', '/signals/private/a.html', true],
    ['/signals/private/', '/signals/privat', false],
    ['/', '/anything', true],
    ['/*.pdf$', '/files/a.pdf', true],
    ['/*.pdf$', '/files/a.pdf?x=1', false],
    ['/*.pdf', '/files/a.pdf?x=1', true],
    ['/a$', '/a', true],
    ['/a$', '/ab', false],
    ['/a*b*c', '/a-x-b-y-c-z', true],
    ['/a*b*c', '/a-x-c-y-b', false],
    ['*/private', '/x/private', true],
    ['/fish*', '/fish', true],
    ['/fish', '/Fish', false],
  ])('pattern %s vs path %s → %s', (pattern, path, expected) => {
    expect(matchesPathPattern(normalizePath(pattern), normalizePath(path))).toBe(expected);
  });

  it('does not backtrack exponentially on hostile patterns', () => {
    const pattern = `/${'*a'.repeat(30)}b`;
    const started = performance.now();
    expect(matchesPathPattern(pattern, `/${'a'.repeat(5000)}`)).toBe(false);
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('matches a URL by its path and query, without the fragment', () => {
    expect(toMatchPath('https://example.com/a%7eb?x=1#top')).toBe('/a~b?x=1');
  });
});

const ROBOTS = [
  '\uFEFF# Example',
  'Disallow: /before-any-group/',
  'User-agent: *',
  'Disallow: /signals/private/',
  'Disallow: /admin',
  'Allow: /admin/public',
  '',
  'User-agent: OtherBot',
  'User-agent: Lede/1.0',
  'Disallow: /lede-only/',
  'Allow: /lede-only/open$',
  'Content-Usage: / train-ai=n',
  'Content-Usage: /signals/ search=n',
  '',
  'User-agent: lede',
  'Disallow: /second-group/ # merged with the first Lede group',
  '',
  'License: https://example.com/license.xml',
  'Sitemap: https://example.com/sitemap.xml',
].join('\r\n');

describe('parseRobotsTxt: groups and rules', () => {
  const lede = parseRobotsTxt(ROBOTS);
  const other = parseRobotsTxt(ROBOTS, 'SomeCrawler');

  it('matches our product token case-insensitively, with or without a version, and merges our groups', () => {
    expect(LEDE_PRODUCT_TOKEN).toBe('Lede');
    expect(lede.policy.group).toBe('Lede');
    expect(lede.isAllowed('/lede-only/x')).toBe(false);
    expect(lede.isAllowed('/second-group/x')).toBe(false);
  });

  it('ignores the * group when a group names us', () => {
    expect(lede.isAllowed('/signals/private/a.html')).toBe(true);
    expect(other.isAllowed('/signals/private/a.html')).toBe(false);
    expect(other.policy.group).toBe('*');
  });

  it.each([
    ['/admin', false],
    ['/admin/public/page', true],
    ['/admin/private', false],
    ['/before-any-group/x', true],
    ['/robots.txt', true],
    ['/', true],
  ])('for *: %s → %s (longest match wins)', (path, allowed) => {
    expect(other.isAllowed(path)).toBe(allowed);
  });

  it('prefers allow on equally long matches and honours $', () => {
    const robots = parseRobotsTxt('User-agent: *\nDisallow: /page\nAllow: /page\nDisallow: /x/\nAllow: /x/open$');
    expect(robots.isAllowed('/page')).toBe(true);
    expect(robots.isAllowed('/x/open')).toBe(true);
    expect(robots.isAllowed('/x/open/more')).toBe(false);
  });

  it('treats an empty Disallow as allowing everything, and a file without groups as no rules', () => {
    expect(parseRobotsTxt('User-agent: *\nDisallow:').isAllowed('/a')).toBe(true);
    expect(parseRobotsTxt('Disallow: /').isAllowed('/a')).toBe(true);
    expect(parseRobotsTxt('').policy.group).toBeUndefined();
  });

  it('disallows everything with Disallow: /, and compares percent-encoded paths in one form', () => {
    expect(parseRobotsTxt('User-agent: Lede\nDisallow: /').isAllowed('/any')).toBe(false);
    const robots = parseRobotsTxt('User-agent: *\nDisallow: /%7Ejoe/\nDisallow: /café/');
    expect(robots.isAllowed('https://example.com/~joe/index.html')).toBe(false);
    expect(robots.isAllowed('https://example.com/caf%C3%A9/menu')).toBe(false);
  });

  it('reads RSL License: lines wherever they are', () => {
    expect(lede.licenses).toEqual(['https://example.com/license.xml']);
    expect(parseRobotsTxt('License: https://a.example/l.xml\nUser-agent: *\nDisallow: /x').licenses).toEqual([
      'https://a.example/l.xml',
    ]);
  });

  it("keeps the applying group's Content-Usage rules raw and finds the longest for a path", () => {
    expect(lede.contentUsage).toBe('Content-Usage: / train-ai=n\nContent-Usage: /signals/ search=n');
    expect(findUsageRules(lede.policy, '/signals/a').map((rule) => rule.preference)).toEqual(['search=n']);
    expect(findUsageRules(lede.policy, '/news/a').map((rule) => rule.preference)).toEqual(['train-ai=n']);
    expect(other.contentUsage).toBeUndefined();
  });

  it('reads Cloudflare Content-Signal lines as usage rules for the whole site', () => {
    const robots = parseRobotsTxt('User-agent: *\nContent-Signal: search=yes, ai-train=no\nAllow: /');
    expect(robots.policy.usage).toEqual([
      { field: 'Content-Signal', pattern: '/', preference: 'search=yes, ai-train=no' },
    ]);
  });

  it('is plain data that survives JSON', () => {
    expect(JSON.parse(JSON.stringify(lede.policy))).toEqual(lede.policy);
  });
});

describe('readUsagePreference: what AI-Preferences statements mean for Lede', () => {
  it.each([
    ['train-ai=n', false],
    ['train-ai=n, ai-use=n', false],
    ['search=n', true],
    ['train-ai=y, search=n', true],
    ['search=y', false],
    ['all=n', true],
    ['bots=n', true],
    ['tdm=n', true],
    ['tdm=n, search=y', false],
    ['search=n;reason="x"', true],
    ['search="n"', false],
    ['Search=N', false],
    ['n', true],
    ['y', false],
    ['search=n, search=y', false],
    ['garbage!!', false],
    ['', false],
  ])('Content-Usage: %s → forbidden %s', (text, forbidden) => {
    expect(readUsagePreference(text).forbidden).toBe(forbidden);
  });

  it.each([
    ['search=no, ai-train=no', true],
    ['search=yes, ai-train=no', false],
    ['ai-input=no', false],
  ])('Content-Signal: %s → forbidden %s', (text, forbidden) => {
    expect(readUsagePreference(text, 'Content-Signal').forbidden).toBe(forbidden);
  });

  it('says which member decided', () => {
    expect(readUsagePreference('train-ai=y, all=n').reason).toBe('all=n');
  });
});

describe('readSiteSignals: robots.txt failures (RFC 9309 §2.3.1)', () => {
  /** A FetchPage that fails robots.txt with `code` and finds nothing else. */
  const failingWith =
    (code: LedeErrorCode, status?: number): FetchPage =>
    (request) =>
      Promise.reject(
        request.url.endsWith('/robots.txt')
          ? new LedeError(code, `${code} for ${request.url}`, status ? { status } : {})
          : new LedeError('http-status', 'HTTP 404', { status: 404 }),
      );

  it.each([
    ['timeout', undefined, true],
    ['network', undefined, true],
    ['too-large', undefined, true],
    ['too-many-redirects', undefined, false],
    ['off-host-redirect', undefined, false],
    ['http-status', 502, true],
    ['http-status', 410, false],
  ] as const)('%s %s → unreachable %s', async (code, status, unreachable) => {
    const site = await readSiteSignals(failingWith(code, status), 'https://example.com/any/page');
    expect(site.origin).toBe('https://example.com');
    expect(site.robotsUnreachable).toBe(unreachable);
    expect(isFetchAllowed(site, 'https://example.com/a')).toBe(!unreachable);
    expect(isFetchAllowed(site, 'https://other.example/a')).toBe(true);
    expect(site.errors.map((error) => error.code)).toEqual([code]);
  });

  it('never rejects, not even for a site that is not a URL', async () => {
    const site = await readSiteSignals(failingWith('network'), 'not a url');
    expect(site.robotsUnreachable).toBe(true);
    expect(site.errors).toHaveLength(1);
  });

  it('makes at most three requests, the licence last', async () => {
    const requested: string[] = [];
    const fetchPage: FetchPage = (request) => {
      requested.push(new URL(request.url).pathname);
      const body = request.url.endsWith('/robots.txt') ? 'License: /rsl.xml\nLicense: /second.xml' : '[]';
      return Promise.resolve({ status: 'ok', url: request.url, body, contentType: 'text/plain' });
    };
    const site = await readSiteSignals(fetchPage, 'https://example.com');
    expect(requested).toEqual(['/robots.txt', '/.well-known/tdmrep.json', '/rsl.xml']);
    expect(site.errors.map((error) => [error.source, error.code])).toEqual([['rsl', 'malformed-source']]);
  });
});

describe('parseRobotsTxt: the 500 KiB parse limit (RFC 9309 §2.5)', () => {
  const LIMIT = 500 * 1024;

  const bytes = (text: string) => new TextEncoder().encode(text).length;

  /** A robots.txt whose last line starts at byte `start`, after comment lines of `filler` (and one of `#`s). */
  function withLastLineAt(start: number, lastLine: string, filler: string): string {
    const head = 'User-agent: *\nDisallow: /\n';
    const line = `# ${filler}\n`;
    const room = start - bytes(head);
    const count = Math.floor(room / bytes(line));
    const rest = room - count * bytes(line);
    const gap = rest > 0 ? `${'#'.repeat(rest - 1)}\n` : '';
    return `${head}${line.repeat(count)}${gap}${lastLine}\n`;
  }

  it.each([
    ['ASCII padding', 'padding'],
    ['Cyrillic padding (two bytes a character)', 'заполнение'],
  ])('drops a rule the limit cuts in two instead of reading its head (%s)', (_name, filler) => {
    // The limit falls right after "Allow: /priv".
    const text = withLastLineAt(LIMIT - 'Allow: /priv'.length, 'Allow: /private-ok', filler);
    expect(bytes(text)).toBeGreaterThan(LIMIT);
    const robots = parseRobotsTxt(text);
    // Read as "Allow: /priv", the cut line would open /privacy-policy; dropped, `Disallow: /` holds.
    expect(robots.isAllowed('/privacy-policy')).toBe(false);
    expect(robots.isAllowed('/private-ok')).toBe(false);
  });

  it('reads every whole line within the limit, and a file under it entirely', () => {
    const whole = withLastLineAt(LIMIT - 20, 'Allow: /news/', 'padding');
    expect(bytes(whole)).toBeLessThan(LIMIT);
    expect(parseRobotsTxt(whole).isAllowed('/news/today')).toBe(true);
    const small = 'User-agent: *\nDisallow: /\nAllow: /private-ok';
    expect(parseRobotsTxt(small).isAllowed('/private-ok/page')).toBe(true);
  });
});
