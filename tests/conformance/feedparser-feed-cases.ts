/**
 * @module tests/conformance/feedparser-feed-cases
 * A selection of Python feedparser's well-formed feed cases, re-expressed as data rows (no code or files
 * copied): https://github.com/kurtmckee/feedparser, `tests/wellformed/{atom10,rss,base,amp}/` and
 * `tests/entities/` (at commit a22c5521cbb109871f1a2318948581901bd47e26), Copyright (C) 2010-2025 Kurt McKee and
 * Mark Pilgrim, BSD 2-Clause licence. Each row names its file; `xml` is that file's entry or item (in a minimal
 * Atom 1.0 or RSS 2.0 document, see `buildFeed`), `expected` what feedparser's `Expect:` line asserts.
 *
 * Lede keeps titles and summaries as plain text, where feedparser keeps sanitised HTML: for `html`/`xhtml`
 * values `expected` is the text a reader sees in feedparser's HTML (`Example <b>Atom</b>` → `Example Atom`).
 * Lede drops entries without a link (it makes items of articles), so rows about other fields add one.
 * Atom 0.3 `mode="escaped"` rows (the `amp` cases) are re-expressed as Atom 1.0 `type="html"`, and channel
 * titles (the `entities` cases) as item titles: Lede reads neither Atom 0.3 nor channel titles.
 * Rows Lede deliberately reads otherwise carry `notFollowed` (why) and `lede` (what Lede reads instead).
 */

export type FeedField =
  'title' | 'summary' | 'url' | 'urls' | 'author' | 'categories' | 'published' | 'updated' | 'image';

export interface FeedCase {
  /** The feedparser test file, under tests/. */
  readonly file: string;
  readonly format: 'atom' | 'rss';
  /** The entry's (or item's) content. */
  readonly xml: string;
  readonly field: FeedField;
  readonly expected: string | readonly string[] | undefined;
  /** Attributes of the root element (`xml:base`), of the entry, whether to add a link, the feed's URL. */
  readonly feedAttributes?: string;
  readonly entryAttributes?: string;
  readonly noLink?: boolean;
  readonly feedUrl?: string;
  readonly notFollowed?: string;
  readonly lede?: string | readonly string[] | undefined;
}

const ENTRY_LINK = 'http://example.com/entry';
const DEFAULT_FEED_URL = 'http://example.com/feed.xml';

/** The document a row stands for. */
export function buildFeed(row: FeedCase): { body: string; feedUrl: string } {
  const feedUrl = row.feedUrl ?? DEFAULT_FEED_URL;
  if (row.format === 'rss') {
    const link = row.noLink === true ? '' : `<link>${ENTRY_LINK}</link>`;
    const namespaces =
      'xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:dcterms="http://purl.org/dc/terms/" ' +
      'xmlns:content="http://purl.org/rss/1.0/modules/content/"';
    const rss = `<rss version="2.0" ${namespaces}${row.feedAttributes ?? ''}><channel><title>t</title>`;
    return { body: `${rss}<item>${link}${row.xml}</item></channel></rss>`, feedUrl };
  }
  const link = row.noLink === true ? '' : `<link href="${ENTRY_LINK}"/>`;
  const feed = `<feed xmlns="http://www.w3.org/2005/Atom"${row.feedAttributes ?? ''}>`;
  return { body: `${feed}<entry${row.entryAttributes ?? ''}>${link}${row.xml}</entry></feed>`, feedUrl };
}

const atom = (file: string, xml: string, field: FeedField, expected: FeedCase['expected']): FeedCase => ({
  file: `wellformed/atom10/${file}`,
  format: 'atom',
  xml,
  field,
  expected,
  ...(field === 'url' || field === 'urls' ? { noLink: true } : {}),
});

const rss = (file: string, xml: string, field: FeedField, expected: FeedCase['expected']): FeedCase => ({
  file: `wellformed/rss/${file}`,
  format: 'rss',
  xml,
  field,
  expected,
  ...(field === 'url' ? { noLink: true } : {}),
});

const XHTML_DIV = (inner: string): string => `<div xmlns="http://www.w3.org/1999/xhtml">${inner}</div>`;
const BASE64_ELEMENT =
  'RFC 4287 §3.1 allows only text, html and xhtml in a text construct; a base64 title is not Atom 1.0, and ' +
  'Lede reads it as the text it is';

const ATOM_TEXT: readonly FeedCase[] = [
  atom('entry_title.xml', '<title>Example Atom</title>', 'title', 'Example Atom'),
  atom('entry_title_text_plain.xml', '<title type="text">Example Atom</title>', 'title', 'Example Atom'),
  atom(
    'entry_title_text_plain_brackets.xml',
    '<title type="text">History of the &lt;blink&gt; tag</title>',
    'title',
    'History of the <blink> tag',
  ),
  atom(
    'entry_title_escaped_markup.xml',
    '<title type="html">Example &lt;b&gt;Atom&lt;/b&gt;</title>',
    'title',
    'Example Atom',
  ),
  atom(
    'entry_title_inline_markup.xml',
    `<title type="xhtml">${XHTML_DIV('Example <b>Atom</b>')}</title>`,
    'title',
    'Example Atom',
  ),
  atom(
    'entry_title_inline_markup_2.xml',
    `<title type="xhtml">${XHTML_DIV('History of the &lt;blink&gt; tag')}</title>`,
    'title',
    'History of the <blink> tag',
  ),
  atom('entry_title_type_empty-no-crash.xml', '<title type="">evil</title>', 'title', 'evil'),
  {
    ...atom(
      'entry_title_base64.xml',
      '<title type="application/octet-stream">RXhhbXBsZSA8Yj5BdG9tPC9iPg==</title>',
      'title',
      'Example Atom',
    ),
    notFollowed: BASE64_ELEMENT,
    lede: 'RXhhbXBsZSA8Yj5BdG9tPC9iPg==',
  },
  atom('entry_summary.xml', '<summary>Example Atom</summary>', 'summary', 'Example Atom'),
  atom('entry_summary_text_plain.xml', '<summary type="text">Example Atom</summary>', 'summary', 'Example Atom'),
  atom(
    'entry_summary_escaped_markup.xml',
    '<summary type="html">Example &lt;b&gt;Atom&lt;/b&gt;</summary>',
    'summary',
    'Example Atom',
  ),
  atom(
    'entry_summary_inline_markup.xml',
    `<summary type="xhtml">${XHTML_DIV('Example <b>Atom</b>')}</summary>`,
    'summary',
    'Example Atom',
  ),
  atom(
    'entry_summary_inline_markup_2.xml',
    `<summary type="xhtml">${XHTML_DIV('History of the &lt;blink&gt; tag')}</summary>`,
    'summary',
    'History of the <blink> tag',
  ),
  atom(
    'entry_author_name.xml',
    '<author><name>Example author</name><email>me@example.com</email><uri>http://example.com/</uri></author>',
    'author',
    'Example author',
  ),
  atom(
    'entry_authors_name.xml',
    '<author><name>one</name></author><author><name>two</name></author>',
    'author',
    'one, two',
  ),
  atom(
    'entry_category_label.xml',
    '<category term="atom10" scheme="http://feedparser.org/tests/" label="Atom 1.0 tests"/>',
    'categories',
    ['Atom 1.0 tests'],
  ),
];

const NO_HREF =
  'RFC 4287 §4.2.7.1: a link is its href attribute, and Atom 1.0 gives a link element no content; an entry ' +
  'without one has no article to read, and Lede leaves it out';

const ATOM_LINKS: readonly FeedCase[] = [
  atom(
    'entry_link_alternate_map_link.xml',
    '<link rel="alternate" type="text/html" href="http://www.example.com/"/>',
    'url',
    'http://www.example.com/',
  ),
  atom(
    'entry_link_alternate_map_link_2.xml',
    '<link rel="alternate" type="application/xhtml+xml" href="http://www.example.com/"/>',
    'url',
    'http://www.example.com/',
  ),
  atom(
    'entry_link_alternate_map_link_3.xml',
    '<link rel="alternate" href="http://www.example.com/alternate"></link>' +
      '<link rel="related" type="text/html" href="http://www.example.com/related"></link>' +
      '<link rel="via" type="text/html" href="http://www.example.com/via"></link>',
    'url',
    'http://www.example.com/alternate',
  ),
  atom(
    'entry_link_no_rel.xml',
    '<link type="text/html" href="http://www.example.com/"/>',
    'url',
    'http://www.example.com/',
  ),
  atom(
    'entry_link_multiple.xml',
    '<link rel="alternate" type="application/xhtml+xml" href="http://www.example.com/"/>' +
      '<link rel="service.post" type="application/atom+xml" href="http://www.example.com/post"/>',
    'url',
    'http://www.example.com/',
  ),
  atom(
    'entry_link_rel_enclosure_no_href.xml',
    '<link rel="enclosure" type="text/html">http://www.example.com/enclosure</link>' +
      '<link rel="alternate" type="text/html" href="http://www.example.com/alternate"/>',
    'url',
    'http://www.example.com/alternate',
  ),
  {
    ...atom(
      'entry_link_no_href_link_priority.xml',
      '<link rel="alternate" type="text/html">http://www.example.com/alternate</link>' +
        '<link rel="enclosure" type="text/html">http://www.example.com/enclosure</link>',
      'url',
      'http://www.example.com/alternate',
    ),
    notFollowed: NO_HREF,
    lede: undefined,
  },
];

const CONTENT_LOCATION =
  'RFC 9110 §8.7 no longer makes Content-Location a base URI (RFC 2616 did): Lede resolves against the URL it ' +
  'fetched, here the test server address feedparser uses';
const TEST_SERVER = 'http://127.0.0.1:8097/tests/wellformed/base/';

/** The `base` cases put `xml:base` on a title; re-expressed on the entry's link, where Lede reads URLs. */
const BASES: readonly FeedCase[] = [
  {
    file: 'wellformed/base/http_entry_link_base_docuri.xml',
    format: 'atom',
    xml: '<link rel="alternate" type="text/html" href="/relative/link"/>',
    field: 'url',
    expected: 'http://127.0.0.1:8097/relative/link',
    noLink: true,
    feedUrl: `${TEST_SERVER}http_entry_link_base_docuri.xml`,
  },
  {
    file: 'wellformed/base/http_entry_link_base_content_location.xml',
    format: 'atom',
    xml: '<link rel="alternate" type="text/html" href="/relative/link"/>',
    field: 'url',
    expected: 'http://example.com/relative/link',
    noLink: true,
    feedUrl: `${TEST_SERVER}http_entry_link_base_content_location.xml`,
    notFollowed: CONTENT_LOCATION,
    lede: 'http://127.0.0.1:8097/relative/link',
  },
  {
    file: 'wellformed/base/http_item_link_base_docuri.xml',
    format: 'rss',
    xml: '<link>/relative/uri</link>',
    field: 'url',
    expected: 'http://127.0.0.1:8097/relative/uri',
    noLink: true,
    feedUrl: `${TEST_SERVER}http_item_link_base_docuri.xml`,
  },
  ...(
    [
      ['relative_xml_base.xml', '', ' xml:base="http://example.com/"', 'test/', 'http://example.com/test/test.html'],
      [
        'relative_xml_base_2.xml',
        ' xml:base="http://example.com/"',
        ' xml:base="test/entry/"',
        '../',
        'http://example.com/test/test.html',
      ],
      [
        'entry_title_xml_base_inherit_2.xml',
        ' xml:base="http://example.com/parent/"',
        '',
        'http://example.com/test/',
        'http://example.com/test/test.html',
      ],
      [
        'malformed_base.xml',
        '',
        ' xml:base="http://example.com/"',
        'http:///example.com/test/',
        'http://example.com/test/test.html',
      ],
      [
        'unsafe_base.xml',
        '',
        ' xml:base="http://example.com/"',
        "javascript:alert('unsafe')",
        'http://example.com/test.html',
      ],
      // Content-Location: http://example.com/ given as the feed's URL (see CONTENT_LOCATION).
      [
        'http_relative_xml_base.xml',
        ' xml:base="feed/"',
        ' xml:base="entry/"',
        'title/',
        'http://example.com/feed/entry/title/test.html',
      ],
      [
        'http_relative_xml_base_2.xml',
        ' xml:base="feed/base/"',
        ' xml:base="/entry/base/"',
        '../',
        'http://example.com/entry/test.html',
      ],
    ] as const
  ).map(([file, feedAttributes, entryAttributes, linkBase, expected]) => ({
    file: `wellformed/base/${file}`,
    format: 'atom' as const,
    xml: `<link xml:base="${linkBase}" href="test.html"/>`,
    field: 'url' as const,
    expected,
    noLink: true,
    feedAttributes,
    entryAttributes,
    feedUrl: 'http://example.com/',
  })),
];

/** Atom 0.3 `mode="escaped"` titles as Atom 1.0 `type="html"`: each is an ampersand to a reader. */
const AMPERSANDS: readonly FeedCase[] = (
  [
    ['amp01.xml', '&#38;#38;'],
    ['amp02.xml', '&#38;#x26;'],
    ['amp05.xml', '&#x26;#38;'],
    ['amp10.xml', '&amp;#x26;'],
    ['amp17.xml', '&lt;b&gt;&#x26;#x26;&lt;/b&gt;'],
    ['amp33.xml', '&lt;strong&gt;&#38;amp;&lt;/strong&gt;'],
    ['amp49.xml', '<![CDATA[&#38;]]>'],
    ['attr01.xml', '&lt;a title="&#38;#38;"&gt;&#38;#38;&lt;/a&gt;'],
  ] as const
).map(([file, title]) => ({
  file: `wellformed/amp/${file}`,
  format: 'atom' as const,
  xml: `<title type="html">${title}</title>`,
  field: 'title' as const,
  expected: '&',
}));

const TITLE_SPACES =
  'a title is one line of text to Lede: its white space, a no-break space included, is collapsed to one space';

/** `tests/entities/`: channel titles there, item titles here. */
const ENTITIES: readonly FeedCase[] = (
  [
    ['160.xml', '&#160;', 'testing \u00a0 entity'],
    ['8217.xml', '&#8217;', 'testing \u2019 entity'],
    ['hellip.xml', '&hellip;', 'testing \u2026 entity'],
    ['doesnotexist.xml', '&doesnotexist;', 'testing &doesnotexist; entity'],
    ['hex_entity_x_lowercase.xml', '&#x41;', 'testing A entity'],
  ] as const
).map(([file, entity, expected]) => ({
  file: `entities/${file}`,
  format: 'rss' as const,
  xml: `<title>testing ${entity} entity</title>`,
  field: 'title' as const,
  expected,
  ...(file === '160.xml' ? { notFollowed: TITLE_SPACES, lede: 'testing entity' } : {}),
}));

const RSS: readonly FeedCase[] = [
  rss('item_title.xml', '<title>Item 1 title</title>', 'title', 'Item 1 title'),
  rss('item_dc_title.xml', '<dc:title>Example title</dc:title>', 'title', 'Example title'),
  rss('item_link.xml', '<link>http://example.com/</link>', 'url', 'http://example.com/'),
  rss('item_guid_map_link.xml', '<guid>http://guid.example.com/</guid>', 'url', 'http://guid.example.com/'),
  rss(
    'item_guid_isPermaLink_map_link.xml',
    '<guid isPermaLink="true">http://guid.example.com/</guid>',
    'url',
    'http://guid.example.com/',
  ),
  rss(
    'item_guid_conflict_link.xml',
    '<link>http://link.example.com/</link><guid>http://guid.example.com/</guid>',
    'url',
    'http://link.example.com/',
  ),
  rss(
    'item_guid_isPermaLink_conflict_link.xml',
    '<link>http://link.example.com/</link><guid isPermaLink="true">http://guid.example.com/</guid>',
    'url',
    'http://link.example.com/',
  ),
  rss(
    'item_guid_not_permalink_conflict_link.xml',
    '<link>http://link.example.com/</link><guid isPermaLink="false">http://guid.example.com/</guid>',
    'url',
    'http://link.example.com/',
  ),
  rss('item_guid_not_permalink.xml', '<guid isPermaLink="false">http://guid.example.com/</guid>', 'url', undefined),
  // feedparser asserts only that this parses; Lede has no link for it either (the guid is not a URL).
  rss(
    'item_guid_isPermaLink_ValueError.xml',
    '<guid isPermaLink="true">http://example.c[o.test/</guid>',
    'url',
    undefined,
  ),
  rss('item_description.xml', '<description>Example description</description>', 'summary', 'Example description'),
  rss(
    'item_description_map_summary.xml',
    '<description>Example description</description>',
    'summary',
    'Example description',
  ),
  rss(
    'item_description_escaped_markup.xml',
    '<description>&lt;p&gt;Example description&lt;/p&gt;</description>',
    'summary',
    'Example description',
  ),
  rss(
    'item_description_br.xml',
    '<description><![CDATA[article title<br /><br /> article byline<br/><br/>text of article]]></description>',
    'summary',
    'article title article byline text of article',
  ),
  rss('item_author.xml', '<author>Example editor</author>', 'author', 'Example editor'),
  rss('item_dc_creator.xml', '<dc:creator>Example editor</dc:creator>', 'author', 'Example editor'),
  rss(
    'item_multiple_dc_creator.xml',
    '<dc:creator>First Author</dc:creator><dc:creator>Second Author</dc:creator>',
    'author',
    'First Author, Second Author',
  ),
  rss('item_category.xml', '<category>Example category</category>', 'categories', ['Example category']),
  rss(
    'item_category_multiple.xml',
    '<category domain="http://www.example.com/1">Example category 1</category>' +
      '<category domain="http://www.example.com/2">Example category 2</category>',
    'categories',
    ['Example category 1', 'Example category 2'],
  ),
  rss('item_dc_subject.xml', '<dc:subject>Example category</dc:subject>', 'categories', ['Example category']),
  rss('item_pubDate.xml', '<pubDate>Thu, 01 Jan 2004 19:48:21 GMT</pubDate>', 'published', '2004-01-01T19:48:21.000Z'),
  // feedparser files dc:date as `updated`; Lede as the item's date (`published`): the same instant.
  rss('item_dc_date.xml', '<dc:date>2003-12-31T10:14:55Z</dc:date>', 'published', '2003-12-31T10:14:55.000Z'),
  rss(
    'item_dcterms_modified.xml',
    '<dcterms:modified>2003-12-31T10:14:55Z</dcterms:modified>',
    'updated',
    '2003-12-31T10:14:55.000Z',
  ),
  rss(
    'item_enclosure_url.xml',
    '<enclosure url="http://example.com/" length="100000" type="image/jpeg" />',
    'image',
    'http://example.com/',
  ),
];

export const FEED_CASES: readonly FeedCase[] = [
  ...ATOM_TEXT,
  ...ATOM_LINKS,
  ...BASES,
  ...AMPERSANDS,
  ...ENTITIES,
  ...RSS,
];
