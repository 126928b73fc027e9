/**
 * @module tests/fuzz/arbitraries/site-files
 * Hostile site files: robots.txt (RFC 9309 groups with hostile agents, paths with wildcards, `$`, percent
 * escapes and Unicode, Content-Usage / Content-Signal and License lines, BOMs, CRs, overlong lines, lines
 * without colons) and `/.well-known/tdmrep.json` (valid rule arrays with hostile values, wrong types, deep
 * nesting, broken JSON).
 */
import fc from 'fast-check';
import { hostileText, hostileUrl, someHostileText } from './hostile-text.ts';

const robotsPath = fc.oneof(
  fc.constantFrom(
    '/',
    '',
    '/*',
    '*',
    '/$',
    '/news/*',
    '/a*b*c$',
    '/%2F',
    '/%zz',
    '/ü',
    '/%C3%BC',
    '/**/**',
    '/a/../b',
    '?x=1',
    '/*?',
  ),
  fc.stringMatching(/^\/[a-z*$%0-9/]{0,20}$/),
  fc.integer({ min: 100, max: 2000 }).map((n) => `/${'*a'.repeat(n)}`),
  someHostileText,
);

const robotsLine = fc.oneof(
  {
    weight: 3,
    arbitrary: fc
      .constantFrom('User-agent', 'user-agent', 'USER-AGENT', 'User agent', 'useragent')
      .chain((field) =>
        fc.constantFrom('*', 'Lede', 'lede', 'Lede/0.1', 'Googlebot', '', 'Le*').map((agent) => `${field}: ${agent}`),
      ),
  },
  {
    weight: 4,
    arbitrary: fc
      .tuple(fc.constantFrom('Allow', 'Disallow', 'disallow', 'DISALLOW', 'Allow '), robotsPath)
      .map(([field, path]) => `${field}:${path}`),
  },
  {
    weight: 1,
    arbitrary: fc
      .tuple(
        fc.constantFrom('Content-Usage', 'Content-Signal'),
        robotsPath,
        fc.oneof(fc.constantFrom('search=n', 'train-ai=n', 'ai-train=no, search=yes', 'n', '=', ''), hostileText(3)),
      )
      .map(([field, path, value]) => `${field}: ${path} ${value}`),
  },
  { weight: 1, arbitrary: hostileUrl.map((url) => `License: ${url}`) },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      'Crawl-delay: 10',
      'Crawl-delay: -1e309',
      'Sitemap: https://news.example/sitemap.xml',
      '# comment',
      '',
      '   ',
      ':',
      'no colon at all',
      'Disallow /x',
    ),
  },
  { weight: 1, arbitrary: hostileText(6) },
);

/** A robots.txt of hostile lines, with hostile line endings and an optional BOM. */
export const hostileRobotsTxt: fc.Arbitrary<string> = fc
  .tuple(
    fc.constantFrom('', '\ufeff'),
    fc.array(robotsLine, { maxLength: 30 }),
    fc.constantFrom('\n', '\r\n', '\r', '\n\n'),
  )
  .map(([bom, lines, end]) => `${bom}${lines.join(end)}`);

const tdmValue: fc.Arbitrary<unknown> = fc.oneof(
  fc.constantFrom(0, 1, '1', '0', true, null, -1, 1e308, [], {}),
  hostileUrl,
  hostileText(3),
);

const tdmRule = fc.oneof(
  fc.record(
    {
      location: fc.oneof(fc.constantFrom('/', '/*', '/news/*', '*', '', '/a$'), hostileText(3), tdmValue),
      'tdm-reservation': tdmValue,
      'tdm-policy': tdmValue,
    },
    { requiredKeys: [] },
  ),
  tdmValue,
);

/** A tdmrep.json: a rule array (as the spec has it), or anything else a server returns at that path. */
export const hostileTdmrepJson: fc.Arbitrary<string> = fc.oneof(
  { weight: 4, arbitrary: fc.array(tdmRule, { maxLength: 6 }).map((rules) => JSON.stringify(rules)) },
  {
    weight: 1,
    arbitrary: fc.array(tdmRule, { maxLength: 6 }).map((rules) => `\ufeff${JSON.stringify(rules).slice(0, -1)}`),
  },
  { weight: 1, arbitrary: tdmRule.map((rule) => JSON.stringify({ rules: [rule] })) },
  {
    weight: 1,
    arbitrary: fc.integer({ min: 100, max: 3000 }).map((depth) => `${'['.repeat(depth)}${']'.repeat(depth)}`),
  },
  {
    weight: 1,
    arbitrary: fc.constantFrom(
      '',
      'null',
      '<html>Not found</html>',
      '{"__proto__":{"x":1}}',
      '[{"location":"/","__proto__":{"tdm-reservation":1}}]',
    ),
  },
  { weight: 1, arbitrary: someHostileText },
);

/** A response header value as a hostile server sends it: known rules, hostile text, overlong. */
export const hostileHeaderValue: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'nosnippet',
    'max-snippet:-1',
    'max-snippet:99999999999999999999999',
    'max-snippet: 12.5',
    'lede: max-snippet:0, otherbot: nosnippet',
    'unavailable_after: 25 Jun 2010 15:00:00 PST',
    'search=n',
    'train-ai=?0, search=?1',
    '</license.xml>; rel="license"; type="application/rsl+xml"',
    '<https://other.example/l.xml>; rel=license; type=application/rsl+xml, <x>; rel=next',
    '<>; rel="license"',
    '1',
    '',
  ),
  hostileText(8),
  fc.integer({ min: 100, max: 5000 }).map((n) => 'a,'.repeat(n)),
);
