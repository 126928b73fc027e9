/**
 * @module tests/core/url
 * `resolveHttpUrl` and `cleanUrl` parse with `URL.parse` (null where `new URL` throws) instead of catching
 * `new URL`'s exception on every relative URL: the same answers as before (tests/helpers/url-before.ts) on
 * absolute, relative, scheme-relative, malformed, control-character and `javascript:` inputs, with a valid,
 * an invalid, a non-http and no base.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cleanUrl, resolveHttpUrl } from '../../src/core/url.ts';
import { cleanUrlBefore, resolveHttpUrlBefore } from '../helpers/url-before.ts';

const PIECES = [
  'https://',
  'http://',
  'HTTPS://',
  'ftp://',
  'javascript:',
  'java\tscript:',
  'java\u0000script:',
  'data:text/html,',
  'mailto:',
  'about:blank',
  '//',
  '/',
  './',
  '../',
  '?',
  '#',
  '&',
  '=',
  ':',
  '@',
  '%',
  '%zz',
  '%41',
  '[::1]',
  '[',
  'example.com',
  'xn--80ak6aa92e.com',
  'пример.рф',
  'user:pw@',
  ':8080',
  ':99999',
  'a',
  'news/1',
  'utm_source=x',
  'fbclid=1',
  'id=7',
  ' ',
  '\t',
  '\n',
  '\r',
  '\u0000',
  '\u0007',
  '\u001f',
  '\u007f',
  '\u0085',
  '\u00a0',
  '\ud800',
  '\ufeff',
  '\ufffe',
  '\\',
  '<',
  '"',
  'é',
];

const url = fc.oneof(
  fc.array(fc.constantFrom(...PIECES), { maxLength: 12 }).map((pieces) => pieces.join('')),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  fc.webUrl().map((absolute) => absolute.replace(/^https?:\/\/[^/]*/, '')),
  fc.string({ unit: 'binary', maxLength: 30 }),
);

const base = fc.oneof(
  fc.constantFrom(
    'https://example.com/dir/page.html',
    'http://127.0.0.1:8080/news/',
    'https://user:pw@example.com:8443/a/b?c=d#e',
    'ftp://example.com/',
    'javascript:void(0)',
    'data:text/plain,x',
    '',
    '/relative',
    'not a url',
  ),
  fc.webUrl({ withQueryParameters: true, withFragments: true }),
  url,
);

describe('resolveHttpUrl and cleanUrl', () => {
  it('resolve every value against every base as `new URL` with try/catch did', () => {
    fc.assert(
      fc.property(fc.option(url, { nil: undefined }), base, (value, against) => {
        expect(resolveHttpUrl(value, against)).toBe(resolveHttpUrlBefore(value, against));
      }),
      { numRuns: 20_000 },
    );
  });

  it('clean every value as `new URL` with try/catch did', () => {
    fc.assert(
      fc.property(url, (value) => {
        expect(cleanUrl(value)).toBe(cleanUrlBefore(value));
      }),
      { numRuns: 20_000 },
    );
  });

  it('keep the answers the examples document', () => {
    expect(resolveHttpUrl('/a/b', 'https://example.com/x')).toBe('https://example.com/a/b');
    expect(resolveHttpUrl('java\tscript:alert(1)', 'https://example.com/')).toBeUndefined();
    expect(resolveHttpUrl('https://example.com/a', 'not a url')).toBe('https://example.com/a');
    expect(resolveHttpUrl('a', 'not a url')).toBeUndefined();
    expect(cleanUrl('https://example.com/a?id=7&utm_source=x#top')).toBe('https://example.com/a?id=7');
    expect(cleanUrl(' /relative ')).toBe('/relative');
  });
});
