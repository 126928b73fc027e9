/**
 * @module tests/conformance/robots-google-cases
 * The cases of Google's reference robots.txt parser, re-expressed as data rows (no code copied):
 * https://github.com/google/robotstxt, file `robots_test.cc` (at commit a67394c800908229d21e58b0ae802830608c9a5e),
 * Copyright 2019 Google LLC, licensed under the Apache License 2.0
 * (https://www.apache.org/licenses/LICENSE-2.0). Each row is one `EXPECT_TRUE`/`EXPECT_FALSE` of that file:
 * the robots.txt, the user agent, the URL and Google's expected answer, with the `TEST` it comes from.
 *
 * Rows Lede deliberately answers otherwise carry `notFollowed` with the reason: the conformance test then
 * asserts Lede's opposite answer, so a divergence is pinned and documented, never silent. Three tests of that
 * file check parser callbacks (line counting, BOMs, Sitemap lines); their files are re-expressed here as
 * decisions (`Allow` turned into `Disallow` where only a disallow shows that a line was read).
 */

export interface RobotsCase {
  /** The `TEST(RobotsUnittest, …)` of robots_test.cc the row comes from. */
  readonly test: string;
  readonly robots: string;
  readonly agent: string;
  readonly url: string;
  /** Google's expected answer. */
  readonly allowed: boolean;
  /** Why Lede answers the opposite, on purpose. */
  readonly notFollowed?: string;
}

const FOO_DISALLOW_ALL = 'user-agent: FooBot\ndisallow: /\n';

const NOT_ENCODED_URL =
  'RFC 9309 §2.2.2 percent-encodes the URI and the pattern alike before comparing; Google leaves encoding ' +
  'the URL to its caller, and Lede is its own caller: it encodes the URL it is about to fetch';
const UNRESERVED_ESCAPE =
  'RFC 9309 §2.2.2 decodes escapes of unreserved characters before comparing, so %62%61%7A is "baz" ' +
  '(Google calls such patterns illegal and compares the raw strings)';
const INDEX_HTML =
  'Google-only widening ("index.html" at the end of a pattern also allows the directory): not in RFC 9309, ' +
  'and a polite crawler does not read a permission the site did not write';
const LONG_LINE =
  'Google cuts lines after 16,664 bytes; RFC 9309 has no line limit (only the 500 KiB file limit, which Lede ' +
  'cuts at a line boundary), and a rule cut mid-pattern means another rule';

/** A FooBot case per URL of a list, all expecting the same answer. */
function rows(test: string, robots: string, allowed: boolean, urls: readonly string[], agent = 'FooBot'): RobotsCase[] {
  return urls.map((url) => ({ test, robots, agent, url, allowed }));
}

function longLineCases(): RobotsCase[] {
  const test = 'GoogleOnly_LineTooLong';
  const maxLine = 2083 * 8;
  const cutDisallow = `/x/${'a'.repeat(maxLine - 3 - 'disallow: '.length + 1 - 3)}`;
  const disallowRobots = `user-agent: FooBot\ndisallow: ${cutDisallow}/qux\n`;
  const allowLength = maxLine - 3 - 'allow: '.length + 1 - 3;
  const [cutA, cutB] = [`/x/${'a'.repeat(allowLength)}`, `/x/${'b'.repeat(allowLength)}`];
  const allowRobots = `${FOO_DISALLOW_ALL}allow: ${cutA}/qux\nallow: ${cutB}/qux\n`;
  return [
    { test, robots: disallowRobots, agent: 'FooBot', url: 'http://foo.bar/fux', allowed: true },
    {
      test,
      robots: disallowRobots,
      agent: 'FooBot',
      url: `http://foo.bar${cutDisallow}/fux`,
      allowed: false,
      notFollowed: LONG_LINE,
    },
    { test, robots: allowRobots, agent: 'FooBot', url: 'http://foo.bar/', allowed: false },
    { test, robots: allowRobots, agent: 'FooBot', url: `http://foo.bar${cutA}/qux`, allowed: true },
    {
      test,
      robots: allowRobots,
      agent: 'FooBot',
      url: `http://foo.bar${cutB}/fux`,
      allowed: true,
      notFollowed: LONG_LINE,
    },
  ];
}

const GROUPS = [
  'allow: /foo/bar/',
  '',
  'user-agent: FooBot',
  'disallow: /',
  'allow: /x/',
  'user-agent: BarBot',
  'disallow: /',
  'allow: /y/',
  '',
  '',
  'allow: /w/',
  'user-agent: BazBot',
  '',
  'user-agent: FooBot',
  'allow: /z/',
  'disallow: /',
].join('\n');

const CASE_VARIANTS = [
  'USER-AGENT: FooBot\nALLOW: /x/\nDISALLOW: /\n',
  'uSeR-aGeNt: FooBot\nAlLoW: /x/\ndIsAlLoW: /\n',
];
const AGENT_VARIANTS = ['FOO BAR', 'foo bar', 'FoO bAr'].map(
  (agent) => `User-Agent: ${agent}\nAllow: /x/\nDisallow: /\n`,
);

function syntaxCases(): RobotsCase[] {
  const url = 'http://foo.bar/x/y';
  const otherRules = ['Sitemap: https://foo.bar/sitemap', 'Invalid-Unknown-Line: unknown'].map(
    (line) => `User-agent: BarBot\n${line}\nUser-agent: *\nDisallow: /\n`,
  );
  return [
    { test: 'GoogleOnly_SystemTest', robots: '', agent: 'FooBot', url: '', allowed: true },
    { test: 'GoogleOnly_SystemTest', robots: FOO_DISALLOW_ALL, agent: '', url: '', allowed: true },
    { test: 'GoogleOnly_SystemTest', robots: FOO_DISALLOW_ALL, agent: 'FooBot', url: '', allowed: false },
    { test: 'GoogleOnly_SystemTest', robots: '', agent: '', url: '', allowed: true },
    ...rows('ID_LineSyntax_Line', FOO_DISALLOW_ALL, false, [url]),
    ...rows('ID_LineSyntax_Line', 'foo: FooBot\nbar: /\n', true, [url]),
    // Google-only typo tolerance (a missing colon), which Lede follows: it only ever makes Lede stricter.
    ...rows('ID_LineSyntax_Line', 'user-agent FooBot\ndisallow /\n', false, [url]),
    ...rows('ID_LineSyntax_Groups', GROUPS, true, ['http://foo.bar/x/b', 'http://foo.bar/z/d']),
    ...rows('ID_LineSyntax_Groups', GROUPS, false, ['http://foo.bar/y/c', 'http://foo.bar/foo/bar/']),
    ...rows('ID_LineSyntax_Groups', GROUPS, true, ['http://foo.bar/y/c', 'http://foo.bar/w/a'], 'BarBot'),
    ...rows('ID_LineSyntax_Groups', GROUPS, false, ['http://foo.bar/z/d', 'http://foo.bar/foo/bar/'], 'BarBot'),
    ...rows('ID_LineSyntax_Groups', GROUPS, true, ['http://foo.bar/z/d'], 'BazBot'),
    ...rows('ID_LineSyntax_Groups', GROUPS, false, ['http://foo.bar/foo/bar/'], 'BazBot'),
    ...otherRules.flatMap((robots) => [
      ...rows('ID_LineSyntax_Groups_OtherRules', robots, false, ['http://foo.bar/']),
      ...rows('ID_LineSyntax_Groups_OtherRules', robots, false, ['http://foo.bar/'], 'BarBot'),
    ]),
    ...['user-agent: FooBot\nallow: /x/\ndisallow: /\n', ...CASE_VARIANTS].flatMap((robots) => [
      ...rows('ID_REPLineNamesCaseInsensitive', robots, true, [url]),
      ...rows('ID_REPLineNamesCaseInsensitive', robots, false, ['http://foo.bar/a/b']),
    ]),
    ...AGENT_VARIANTS.flatMap((robots) =>
      ['Foo', 'foo'].flatMap((agent) => [
        ...rows('ID_UserAgentValueCaseInsensitive', robots, true, [url], agent),
        ...rows('ID_UserAgentValueCaseInsensitive', robots, false, ['http://foo.bar/a/b'], agent),
      ]),
    ),
  ];
}

function groupChoiceCases(): RobotsCase[] {
  const url = 'http://foo.bar/x/y';
  const spaced = 'User-Agent: *\nDisallow: /\nUser-Agent: Foo Bar\nAllow: /x/\nDisallow: /\n';
  const global = 'user-agent: *\nallow: /\nuser-agent: FooBot\ndisallow: /\n';
  const specific = 'user-agent: FooBot\nallow: /\nuser-agent: BarBot\ndisallow: /\nuser-agent: BazBot\ndisallow: /\n';
  return [
    ...rows('GoogleOnly_AcceptUserAgentUpToFirstSpace', spaced, true, [url], 'Foo'),
    ...rows('GoogleOnly_AcceptUserAgentUpToFirstSpace', spaced, false, [url], 'Foo Bar'),
    ...rows('ID_GlobalGroups_Secondary', '', true, [url]),
    ...rows('ID_GlobalGroups_Secondary', global, false, [url]),
    ...rows('ID_GlobalGroups_Secondary', global, true, [url], 'BarBot'),
    ...rows('ID_GlobalGroups_Secondary', specific, true, [url], 'QuxBot'),
    ...rows('ID_AllowDisallow_Value_CaseSensitive', 'user-agent: FooBot\ndisallow: /x/\n', false, [url]),
    ...rows('ID_AllowDisallow_Value_CaseSensitive', 'user-agent: FooBot\ndisallow: /X/\n', true, [url]),
  ];
}

function longestMatchCases(): RobotsCase[] {
  const test = 'ID_LongestMatch';
  const page = 'http://foo.bar/x/page.html';
  const foo = (lines: string): string => `user-agent: FooBot\n${lines}`;
  return [
    ...rows(test, foo('disallow: /x/page.html\nallow: /x/\n'), false, [page]),
    ...rows(test, foo('allow: /x/page.html\ndisallow: /x/\n'), true, [page]),
    ...rows(test, foo('allow: /x/page.html\ndisallow: /x/\n'), false, ['http://foo.bar/x/']),
    ...rows(test, foo('disallow: \nallow: \n'), true, [page]),
    ...rows(test, foo('disallow: /\nallow: /\n'), true, [page]),
    ...rows(test, foo('disallow: /x\nallow: /x/\n'), false, ['http://foo.bar/x']),
    ...rows(test, foo('disallow: /x\nallow: /x/\n'), true, ['http://foo.bar/x/']),
    ...rows(test, foo('disallow: /x/page.html\nallow: /x/page.html\n'), true, [page]),
    ...rows(test, foo('allow: /page\ndisallow: /*.html\n'), false, ['http://foo.bar/page.html']),
    ...rows(test, foo('allow: /page\ndisallow: /*.html\n'), true, ['http://foo.bar/page']),
    ...rows(test, foo('allow: /x/page.\ndisallow: /*.html\n'), true, [page]),
    ...rows(test, foo('allow: /x/page.\ndisallow: /*.html\n'), false, ['http://foo.bar/x/y.html']),
    ...rows(test, 'User-agent: *\nDisallow: /x/\nUser-agent: FooBot\nDisallow: /y/\n', true, ['http://foo.bar/x/page']),
    ...rows(test, 'User-agent: *\nDisallow: /x/\nUser-agent: FooBot\nDisallow: /y/\n', false, [
      'http://foo.bar/y/page',
    ]),
  ];
}

function encodingCases(): RobotsCase[] {
  const test = 'ID_Encoding';
  const allow = (path: string): string => `User-agent: FooBot\nDisallow: /\nAllow: ${path}\n`;
  const query = '/foo/bar?qux=taz&baz=http://foo.bar?tar&par';
  return [
    ...rows(test, allow(query), true, [`http://foo.bar${query}`]),
    ...rows(test, allow('/foo/bar/ツ'), true, ['http://foo.bar/foo/bar/%E3%83%84']),
    {
      test,
      robots: allow('/foo/bar/ツ'),
      agent: 'FooBot',
      url: 'http://foo.bar/foo/bar/ツ',
      allowed: false,
      notFollowed: NOT_ENCODED_URL,
    },
    ...rows(test, allow('/foo/bar/%E3%83%84'), true, ['http://foo.bar/foo/bar/%E3%83%84']),
    {
      test,
      robots: allow('/foo/bar/%E3%83%84'),
      agent: 'FooBot',
      url: 'http://foo.bar/foo/bar/ツ',
      allowed: false,
      notFollowed: NOT_ENCODED_URL,
    },
    {
      test,
      robots: allow('/foo/bar/%62%61%7A'),
      agent: 'FooBot',
      url: 'http://foo.bar/foo/bar/baz',
      allowed: false,
      notFollowed: UNRESERVED_ESCAPE,
    },
    ...rows(test, allow('/foo/bar/%62%61%7A'), true, ['http://foo.bar/foo/bar/%62%61%7A']),
  ];
}

function specialCharacterCases(): RobotsCase[] {
  const test = 'ID_SpecialCharacters';
  const star = 'User-agent: FooBot\nDisallow: /foo/bar/quz\nAllow: /foo/*/qux\n';
  const dollar = 'User-agent: FooBot\nDisallow: /foo/bar$\nAllow: /foo/bar/qux\n';
  const comment = 'User-agent: FooBot\n# Disallow: /\nDisallow: /foo/quz#qux\nAllow: /\n';
  const index = 'User-Agent: *\nAllow: /allowed-slash/index.html\nDisallow: /\n';
  return [
    ...rows(test, star, false, ['http://foo.bar/foo/bar/quz']),
    ...rows(test, star, true, ['http://foo.bar/foo/quz', 'http://foo.bar/foo//quz', 'http://foo.bar/foo/bax/quz']),
    ...rows(test, dollar, false, ['http://foo.bar/foo/bar']),
    ...rows(test, dollar, true, [
      'http://foo.bar/foo/bar/qux',
      'http://foo.bar/foo/bar/',
      'http://foo.bar/foo/bar/baz',
    ]),
    ...rows(test, comment, true, ['http://foo.bar/foo/bar']),
    ...rows(test, comment, false, ['http://foo.bar/foo/quz']),
    {
      test: 'GoogleOnly_IndexHTMLisDirectory',
      robots: index,
      agent: 'foobot',
      url: 'http://foo.com/allowed-slash/',
      allowed: true,
      notFollowed: INDEX_HTML,
    },
    ...rows('GoogleOnly_IndexHTMLisDirectory', index, false, ['http://foo.com/allowed-slash/index.htm'], 'foobot'),
    ...rows('GoogleOnly_IndexHTMLisDirectory', index, true, ['http://foo.com/allowed-slash/index.html'], 'foobot'),
    ...rows('GoogleOnly_IndexHTMLisDirectory', index, false, ['http://foo.com/anyother-url'], 'foobot'),
  ];
}

function documentationCases(): RobotsCase[] {
  const test = 'GoogleOnly_DocumentationChecks';
  const allow = (pattern: string): string => `${FOO_DISALLOW_ALL}allow: ${pattern}\n`;
  const at = (paths: readonly string[]): string[] => paths.map((path) => `http://foo.bar${path}`);
  const fishAllowed = ['/fish', '/fish.html', '/fish/salmon.html', '/fishheads', '/fishheads/yummy.html'];
  const fish = [...fishAllowed, '/fish.html?id=anything'];
  return [
    ...rows(test, allow('/fish'), false, at(['/bar', '/Fish.asp', '/catfish', '/?id=fish'])),
    ...rows(test, allow('/fish'), true, at(fish)),
    ...rows(test, allow('/fish*'), false, at(['/bar', '/Fish.bar', '/catfish', '/?id=fish'])),
    ...rows(test, allow('/fish*'), true, at(fish)),
    ...rows(test, allow('/fish/'), false, at(['/bar', '/fish', '/fish.html', '/Fish/Salmon.html'])),
    ...rows(
      test,
      allow('/fish/'),
      true,
      at(['/fish/', '/fish/salmon', '/fish/?salmon', '/fish/salmon.html', '/fish/?id=anything']),
    ),
    ...rows(test, allow('/*.php'), false, at(['/bar', '/php/', '/index?php', '/windows.PHP'])),
    ...rows(
      test,
      allow('/*.php'),
      true,
      at([
        '/filename.php',
        '/folder/filename.php',
        '/folder/filename.php?parameters',
        '//folder/any.php.file.html',
        '/filename.php/',
        '/index?f=filename.php/',
      ]),
    ),
    ...rows(test, allow('/*.php$'), true, at(['/filename.php', '/folder/filename.php'])),
    ...rows(
      test,
      allow('/*.php$'),
      false,
      at([
        '/bar',
        '/filename.php?parameters',
        '/filename.php/',
        '/filename.php5',
        '/php/',
        '/filename?php',
        '/aaaphpaaa',
        '//windows.PHP',
      ]),
    ),
    ...rows(test, allow('/fish*.php'), false, at(['/bar', '/Fish.PHP'])),
    ...rows(test, allow('/fish*.php'), true, at(['/fish.php', '/fishheads/catfish.php?parameters'])),
    ...rows(test, 'user-agent: FooBot\nallow: /p\ndisallow: /\n', true, ['http://example.com/page']),
    ...rows(test, 'user-agent: FooBot\nallow: /folder\ndisallow: /folder\n', true, ['http://example.com/folder/page']),
    ...rows(test, 'user-agent: FooBot\nallow: /page\ndisallow: /*.htm\n', false, ['http://example.com/page.htm']),
    ...rows(test, 'user-agent: FooBot\nallow: /$\ndisallow: /\n', true, ['http://example.com/']),
    ...rows(test, 'user-agent: FooBot\nallow: /$\ndisallow: /\n', false, ['http://example.com/page.html']),
  ];
}

/** The files of the callback tests, with the decision that shows the last line (`Disallow: /`) was read. */
function parserCallbackCases(): RobotsCase[] {
  const lines = ['User-Agent: foo', 'Allow: /some/path', 'User-Agent: bar', '', '', 'Disallow: /'];
  const endings = [
    lines.join('\n'),
    lines.join('\r\n'),
    lines.join('\r'),
    `${lines.join('\n')}\n`,
    'User-Agent: foo\nAllow: /some/path\r\nUser-Agent: bar\n\r\n\nDisallow: /',
  ];
  const sitemap = 'Sitemap: http://foo.bar/sitemap.xml\n';
  const sitemapFile = 'User-Agent: foo\nAllow: /some/path\nUser-Agent: bar\nDisallow: /\n\n\n';
  return [
    ...endings.flatMap((robots) =>
      rows('ID_LinesNumbersAreCountedCorrectly', robots, false, ['http://foo.bar/x'], 'bar'),
    ),
    ...endings.flatMap((robots) =>
      rows('ID_LinesNumbersAreCountedCorrectly', robots, true, ['http://foo.bar/x'], 'foo'),
    ),
    ...[`${sitemapFile}${sitemap}`, `${sitemap}${sitemapFile}`].flatMap((robots) =>
      rows('ID_NonStandardLineExample_Sitemap', robots, false, ['http://foo.bar/x'], 'bar'),
    ),
  ];
}

/**
 * The BOM cases work on bytes: the robots.txt is given as bytes and decoded as UTF-8, as Lede's fetcher does.
 * A partial BOM decodes to U+FFFD, which Google skips; so does Lede (a broken first line would hide the group).
 */
export interface RobotsBytesCase {
  readonly test: string;
  readonly bytes: readonly number[];
  readonly rest: string;
  readonly agent: string;
  readonly url: string;
  readonly allowed: boolean;
  readonly notFollowed?: string;
}

const MID_FILE_BOM =
  'a stray BOM inside the file is read as the white space it is (U+FEFF), so the rule after it still applies: ' +
  'RFC 9309 does not say to drop the line, and keeping a Disallow is the careful reading';

export const ROBOTS_BYTES_CASES: readonly RobotsBytesCase[] = [
  [[0xef, 0xbb, 0xbf], 'User-Agent: foo\nDisallow: /AnyValue\n', false],
  [[0xef, 0xbb], 'User-Agent: foo\nDisallow: /AnyValue\n', false],
  [[0xef], 'User-Agent: foo\nDisallow: /AnyValue\n', false],
  // A broken BOM leaves garbage before the user-agent line: the line is skipped, so is the group.
  [[0xef, 0x11, 0xbf], 'User-Agent: foo\nDisallow: /AnyValue\n', true],
  // A BOM in the middle makes its line garbage to Google: that line is skipped.
  [[], 'User-Agent: foo\n\uFEFFDisallow: /AnyValue\n', true, MID_FILE_BOM],
].map(([bytes, rest, allowed, notFollowed]) => ({
  test: 'ID_UTF8ByteOrderMarkIsSkipped',
  bytes: bytes as number[],
  rest: rest as string,
  agent: 'foo',
  url: 'http://foo.bar/AnyValue',
  allowed: allowed as boolean,
  ...(typeof notFollowed === 'string' ? { notFollowed } : {}),
}));

export const ROBOTS_CASES: readonly RobotsCase[] = [
  ...syntaxCases(),
  ...groupChoiceCases(),
  ...longestMatchCases(),
  ...encodingCases(),
  ...specialCharacterCases(),
  ...longLineCases(),
  ...documentationCases(),
  ...parserCallbackCases(),
];

/** `TestGetPathParamsQuery` / `TestMaybeEscapePattern`: the path a URL is matched by, and a pattern's normal form. */
export const MATCH_PATH_CASES: readonly { url: string; path: string; notFollowed?: string }[] = [
  ['', '/'],
  ['http://www.example.com', '/'],
  ['http://www.example.com/', '/'],
  ['http://www.example.com/a', '/a'],
  ['http://www.example.com/a/', '/a/'],
  ['http://www.example.com/a/b?c=http://d.e/', '/a/b?c=http://d.e/'],
  ['http://www.example.com/a/b?c=d&e=f#fragment', '/a/b?c=d&e=f'],
  ['/a', '/a'],
  ...['example.com', 'example.com/', 'a', 'a/'].map((url) => [url, '/']),
  ['example.com/a', '/a'],
  ['example.com/a/', '/a/'],
  ['example.com/a/b?c=d&e=f#fragment', '/a/b?c=d&e=f'],
  ['a/b', '/b'],
  ['example.com?a', '/?a'],
  ['example.com/a;b#c', '/a;b'],
  ['//a/b/c', '/b/c'],
].map(([url = '', path = '']) => ({
  url,
  path,
  ...(url === '' || url.startsWith('http') || url === '/a'
    ? {}
    : {
        notFollowed:
          'Lede matches only the absolute URLs it is about to fetch, or paths starting with "/" (read as paths); ' +
          'Google also guesses a host in scheme-less strings',
      }),
}));

export const ESCAPE_PATTERN_CASES: readonly (readonly [string, string])[] = [
  ['http://www.example.com', 'http://www.example.com'],
  ['/a/b/c', '/a/b/c'],
  ['á', '%C3%A1'],
  ['%aa', '%AA'],
];

/** `ID_VerifyValidUserAgentsToObey`: which product tokens are valid (RFC 9309 §2.2.1: [a-zA-Z_-]+). */
export const AGENT_TOKEN_CASES: readonly (readonly [string, boolean])[] = [
  ['Foobot', true],
  ['Foobot-Bar', true],
  ['Foo_Bar', true],
  ['', false],
  ['ツ', false],
  ['Foobot*', false],
  [' Foobot ', false],
  ['Foobot/2.1', false],
  ['Foobot Bar', false],
];
