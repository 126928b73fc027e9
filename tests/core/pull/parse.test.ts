/**
 * The pull stage's parsers on small inline documents: the junk real feeds carry, each source shape's
 * fields, and the common selection rules. The fixture-site tests (pull-discover.test.ts) cover whole
 * documents over HTTP.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LedeError } from '../../../src/core/errors.ts';
import { toPlainText } from '../../../src/core/pull/html-to-text.ts';
import { parseFeed } from '../../../src/core/pull/parse-feed.ts';
import { parseListing } from '../../../src/core/pull/parse-listing.ts';
import { parseSitemap } from '../../../src/core/pull/parse-sitemap.ts';
import { selectEntries } from '../../../src/core/pull/select-entries.ts';
import { normalizeEntryUrl } from '../../../src/core/pull/source-urls.ts';
import { isSameSiteUrl } from '../../../src/core/same-site.ts';

const FEED_URL = 'https://news.example/feed/rss';

function rss(items: string, head = '<?xml version="1.0" encoding="UTF-8"?>'): string {
  return `${head}<rss version="2.0" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/" xmlns:atom="http://www.w3.org/2005/Atom"><channel><title>T</title>${items}</channel></rss>`;
}

function catchCode(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    if (error instanceof LedeError) return error.code;
    throw error;
  }
  return 'no error';
}

describe('parseFeed: RSS 2.0', () => {
  it('reads every field', () => {
    const [entry] = parseFeed(
      rss(`<item>
        <title>Tenge &amp; oil</title><link>https://news.example/economy/1</link>
        <description><![CDATA[<p>Lead <b>text</b>.</p>]]></description>
        <pubDate>Tue, 11 Mar 2025 11:05:00 GMT</pubDate>
        <dc:creator>A. Writer</dc:creator><dc:creator>B. Writer</dc:creator>
        <category>Economy</category><category>Economy</category><category domain="x">Oil</category>
        <enclosure url="/img/1.jpg" length="1" type="image/jpeg"/>
      </item>`),
      FEED_URL,
    );
    expect(entry).toEqual({
      url: 'https://news.example/economy/1',
      title: 'Tenge & oil',
      published: '2025-03-11T11:05:00.000Z',
      author: 'A. Writer, B. Writer',
      summary: 'Lead text.',
      image: 'https://news.example/img/1.jpg',
      categories: ['Economy', 'Oil'],
    });
  });

  it('tolerates a BOM and whitespace before the declaration, HTML entities, bare ampersands and CDATA titles', () => {
    const body = `\uFEFF\n\n  ${rss(`<item><title><![CDATA[AT&T <i>and</i> &amp; co]]></title><link>/a?x=1&y=2</link>
      <description>Caf&eacute;&nbsp;&mdash; &laquo;quoted&raquo; R&D</description></item>`)}`;
    const [entry] = parseFeed(body, FEED_URL);
    expect(entry?.title).toBe('AT&T and & co');
    expect(entry?.url).toBe('https://news.example/a?x=1&y=2');
    expect(entry?.summary).toBe('Café — «quoted» R&D');
  });

  it('takes the link from <link>, else atom:link, else a permalink <guid>, else skips the item', () => {
    const entries = parseFeed(
      rss(`<item><title>a</title><atom:link rel="alternate" href="https://news.example/a"/></item>
        <item><title>b</title><guid>https://news.example/b</guid></item>
        <item><title>c</title><guid isPermaLink="false">https://news.example/c</guid></item>
        <item><title>d</title><guid>tag:news.example,2025:d</guid></item>
        <item><title>e</title></item>`),
      FEED_URL,
    );
    expect(entries.map((e) => e.url)).toEqual(['https://news.example/a', 'https://news.example/b']);
  });

  it('reads author "email (Name)", media images, and ignores non-image enclosures', () => {
    const entries = parseFeed(
      rss(`<item><link>https://news.example/1</link><author>ed@news.example (Jane Roe)</author>
          <enclosure url="https://news.example/a.mp3" type="audio/mpeg"/><media:thumbnail url="https://news.example/t.jpg"/></item>
        <item><link>https://news.example/2</link><author>ed@news.example</author>
          <media:group><media:content url="https://news.example/g.png" medium="image"/></media:group></item>
        <item><link>https://news.example/3</link><enclosure url="https://news.example/p.webp"/></item>`),
      FEED_URL,
    );
    expect(entries.map((e) => [e.author, e.image])).toEqual([
      ['Jane Roe', 'https://news.example/t.jpg'],
      ['ed@news.example', 'https://news.example/g.png'],
      [undefined, 'https://news.example/p.webp'],
    ]);
  });

  it('accepts the RSS 0.91 doctype and an empty channel', () => {
    const doctype =
      '<?xml version="1.0"?><!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">';
    expect(parseFeed(rss('', doctype), FEED_URL)).toEqual([]);
    expect(parseFeed('<rss version="2.0"><channel/></rss>', FEED_URL)).toEqual([]);
  });

  it('cuts a full-text description to a short summary', () => {
    const long = Array.from({ length: 200 }, (_, i) => `word${i}`).join(' ');
    const [entry] = parseFeed(
      rss(`<item><link>https://news.example/1</link><description>${long}</description></item>`),
      FEED_URL,
    );
    expect(entry?.summary?.length).toBeLessThanOrEqual(401);
    expect(entry?.summary?.endsWith('…')).toBe(true);
  });

  it('rejects malformed XML, non-feeds and non-XML with malformed-source', () => {
    expect(catchCode(() => parseFeed('<rss><channel><item><title>x</channel></rss>', FEED_URL))).toBe(
      'malformed-source',
    );
    expect(catchCode(() => parseFeed('<!doctype html><html><body><p>Hello', FEED_URL))).toBe('malformed-source');
    expect(catchCode(() => parseFeed('<html><body>ok</body></html>', FEED_URL))).toBe('malformed-source');
    expect(catchCode(() => parseFeed('{"version":"https://jsonfeed.org/version/1.1"}', FEED_URL))).toBe(
      'malformed-source',
    );
    expect(catchCode(() => parseFeed('', FEED_URL))).toBe('malformed-source');
  });

  it('says where the XML breaks', () => {
    expect(() => parseFeed('<rss>\n<channel>\n<item></channel></rss>', FEED_URL)).toThrow(/line 3/);
  });
});

describe('parseFeed: Atom and RSS 1.0', () => {
  it('reads Atom with xml:base, the default alternate link, html titles and authors', () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom" xml:base="https://news.example/section/">
      <entry xml:base="sub/" xml:lang="kk"><title type="html">&lt;em&gt;Наурыз&lt;/em&gt; &amp;amp; көктем</title>
        <link rel="self" href="/self"/><link href="a-1"/><link rel="enclosure" type="image/png" href="i.png"/>
        <updated>2025-03-07T12:00:00+05:00</updated><author><name>Гүлнар</name></author>
        <category term="culture" label="Culture"/><summary>Short</summary></entry>
      <entry><title>No link</title><link rel="related" href="/x"/></entry>
    </feed>`;
    expect(parseFeed(atom, FEED_URL)).toEqual([
      {
        url: 'https://news.example/section/sub/a-1',
        title: 'Наурыз & көктем',
        published: '2025-03-07T07:00:00.000Z',
        updated: '2025-03-07T07:00:00.000Z',
        author: 'Гүлнар',
        summary: 'Short',
        image: 'https://news.example/section/sub/i.png',
        categories: ['Culture'],
        language: 'kk',
      },
    ]);
  });

  // RFC 4287 §3.1: the type of a text construct says how to read it; `text` is the default.
  it.each([
    [
      'text (default): an escaped tag is named, not stripped',
      '<title>History of the &lt;blink&gt; tag</title>',
      'History of the <blink> tag',
    ],
    [
      'text: a CDATA section is literal',
      '<title type="text"><![CDATA[Q&A: <b> vs <strong>]]></title>',
      'Q&A: <b> vs <strong>',
    ],
    [
      'text: numeric and named references',
      '<title>Caf&#233; &amp; bar&nbsp;&#x2014; open</title>',
      'Café & bar — open',
    ],
    [
      'html: escaped markup is markup',
      '<title type="html">A &lt;b&gt;bold&lt;/b&gt; move &amp;amp; more</title>',
      'A bold move & more',
    ],
    ['html: in CDATA', '<title type="html"><![CDATA[A <i>quiet</i> &amp; calm day]]></title>', 'A quiet & calm day'],
    [
      "xhtml: the div's text, in document order",
      '<title type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">History of the <b>&lt;blink&gt;</b> tag, <i>again</i></div></title>',
      'History of the <blink> tag, again',
    ],
  ])('reads an Atom title of type %s', (_, title, expected) => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom"><entry>${title}<link href="https://news.example/a"/></entry></feed>`;
    expect(parseFeed(atom, FEED_URL)[0]?.title).toBe(expected);
  });

  it('reads an xhtml Atom summary, and a text one without stripping what looks like a tag', () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom">
      <entry><title>One</title><link href="https://news.example/1"/>
        <summary type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml"><p>First <em>paragraph</em>.</p><p>Second.</p></div></summary></entry>
      <entry><title>Two</title><link href="https://news.example/2"/><summary>Use &lt;br&gt; sparingly</summary></entry>
    </feed>`;
    expect(parseFeed(atom, FEED_URL).map((entry) => entry.summary)).toEqual([
      'First paragraph. Second.',
      'Use <br> sparingly',
    ]);
  });

  it('falls back to dc:title, then media:title, where an entry has no title', () => {
    const atom = `<feed xmlns="http://www.w3.org/2005/Atom" xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/">
      <entry><dc:title>From Dublin Core</dc:title><link href="https://news.example/1"/></entry>
      <entry><media:group><media:title>From a media group</media:title></media:group><link href="https://news.example/2"/></entry>
    </feed>`;
    expect(parseFeed(atom, FEED_URL).map((entry) => entry.title)).toEqual(['From Dublin Core', 'From a media group']);
    const items = rss(`<item><dc:title>DC</dc:title><link>https://news.example/3</link></item>
      <item><media:content url="https://news.example/v.mp4"><media:title>Media</media:title></media:content><link>https://news.example/4</link></item>`);
    expect(parseFeed(items, FEED_URL).map((entry) => entry.title)).toEqual(['DC', 'Media']);
  });

  it('reads RSS 1.0 items beside the channel, with Dublin Core dates', () => {
    const rdf = `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/" xmlns:dc="http://purl.org/dc/elements/1.1/">
      <channel rdf:about="${FEED_URL}"><title>T</title></channel>
      <item rdf:about="https://news.example/1"><title>One</title><dc:date>2025-03-12T09:40:00+05:00</dc:date><dc:subject>x</dc:subject></item>
      <item rdf:about="https://news.example/2"><title>Two</title><link>https://news.example/two</link></item>
    </rdf:RDF>`;
    expect(parseFeed(rdf, FEED_URL)).toEqual([
      { url: 'https://news.example/1', title: 'One', published: '2025-03-12T04:40:00.000Z', categories: ['x'] },
      { url: 'https://news.example/two', title: 'Two' },
    ]);
  });
});

describe('parseSitemap', () => {
  it('reads a Google News sitemap with images', () => {
    const xml = `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">
      <url><loc>https://news.example/1</loc><lastmod>2025-03-12</lastmod>
        <news:news><news:publication><news:name>N</news:name><news:language>kk</news:language></news:publication>
        <news:publication_date>2025-03-11T10:00:00Z</news:publication_date><news:title>Title &amp; more</news:title></news:news>
        <image:image><image:loc>https://news.example/i.jpg</image:loc></image:image></url>
      <url><loc>  https://news.example/2  </loc></url>
      <url><lastmod>2025-03-12</lastmod></url>
    </urlset>`;
    expect(parseSitemap(xml, 'https://news.example/sitemap.xml')).toEqual({
      kind: 'urlset',
      entries: [
        {
          url: 'https://news.example/1',
          title: 'Title & more',
          published: '2025-03-11T10:00:00.000Z',
          updated: '2025-03-12T00:00:00.000Z',
          image: 'https://news.example/i.jpg',
          language: 'kk',
        },
        { url: 'https://news.example/2' },
      ],
    });
  });

  it('reads an index, and an empty urlset', () => {
    const index = `<sitemapindex><sitemap><loc>/a.xml</loc><lastmod>2025-01-01</lastmod></sitemap><sitemap><loc>https://news.example/b.xml</loc></sitemap></sitemapindex>`;
    expect(parseSitemap(index, 'https://news.example/sitemap.xml')).toEqual({
      kind: 'index',
      sitemaps: [
        { url: 'https://news.example/a.xml', lastmod: '2025-01-01T00:00:00.000Z' },
        { url: 'https://news.example/b.xml' },
      ],
    });
    expect(parseSitemap('<urlset></urlset>', 'https://news.example/s.xml')).toEqual({ kind: 'urlset', entries: [] });
  });

  it('rejects a feed given as a sitemap', () => {
    expect(catchCode(() => parseSitemap(rss(''), 'https://news.example/s.xml'))).toBe('malformed-source');
  });
});

describe('parseListing', () => {
  const html = `<!doctype html><html><head><base href="https://news.example/base/"></head><body>
    <div class="card"><a class="t" href="one">  First
      story </a></div>
    <div class="card"><h2>Second</h2><a href="/two"><img src="x.jpg" alt="Second image"></a></div>
    <a class="t" href="https://news.example/three" title="Third title"></a>
    <a class="more" href="?page=2">Next</a></body></html>`;

  it('resolves links against <base href>, reads title hints, and finds the next page', () => {
    expect(parseListing(html, 'https://news.example/list', 'a.t', 'a.more')).toEqual({
      entries: [
        { url: 'https://news.example/base/one', title: 'First story' },
        { url: 'https://news.example/three', title: 'Third title' },
      ],
      next: 'https://news.example/base/?page=2',
    });
  });

  it('takes the first link inside a selected container', () => {
    const { entries } = parseListing(html, 'https://news.example/list', '.card');
    expect(entries.map((e) => e.url)).toEqual(['https://news.example/base/one', 'https://news.example/two']);
  });

  it('reports an invalid selector as invalid-definition', () => {
    expect(catchCode(() => parseListing(html, 'https://news.example/list', 'a[[['))).toBe('invalid-definition');
  });
});

describe('selectEntries', () => {
  const source = 'https://news.example/rss';
  it('keeps same-site http(s) links, once each, newest first, undated after dated in source order', () => {
    const entries = selectEntries(
      [
        { url: 'https://news.example/undated-1' },
        { url: 'https://news.example/old', published: '2024-01-01T00:00:00.000Z' },
        { url: 'https://www.news.example/new?utm_source=rss', published: '2025-01-01T00:00:00.000Z' },
        { url: 'https://news.example/undated-2' },
        { url: 'https://news.example/old#comments', title: 'duplicate' },
        { url: 'https://other.example/x', published: '2026-01-01T00:00:00.000Z' },
        { url: 'https://cdn.news.example/x' },
        { url: 'ftp://news.example/x' },
        { url: 'https://news.example/updated-only', updated: '2024-06-01T00:00:00.000Z' },
      ],
      source,
      10,
    );
    expect(entries.map((e) => e.url)).toEqual([
      'https://www.news.example/new',
      'https://news.example/updated-only',
      'https://news.example/old',
      'https://news.example/undated-1',
      'https://news.example/undated-2',
      // Another host of the same registrable domain is the same site (core/same-site).
      'https://cdn.news.example/x',
    ]);
  });

  it('keeps exactly the links on the source site, whatever the hosts and their order', () => {
    const hosts = ['news.example', 'www.news.example', 'other.example', 'bbc.co.uk', 'a.github.io', '127.0.0.1'];
    const link = fc.tuple(fc.constantFrom(...hosts), fc.webPath()).map(([host, p]) => `https://${host}${p}`);
    fc.assert(
      fc.property(fc.constantFrom(...hosts), fc.array(link, { maxLength: 20 }), (sourceHost, links) => {
        const sourceUrl = `https://${sourceHost}/rss`;
        const kept = selectEntries(
          links.map((url) => ({ url })),
          sourceUrl,
          100,
        ).map((entry) => entry.url);
        const expected = new Set(
          links
            .map((url) => normalizeEntryUrl(url, sourceUrl))
            .filter((url): url is string => url !== undefined && isSameSiteUrl(url, sourceUrl)),
        );
        expect(kept).toEqual([...expected]);
      }),
    );
  });

  it('cuts to maxItems', () => {
    const many = Array.from({ length: 5 }, (_, i) => ({ url: `https://news.example/${i}` }));
    expect(selectEntries(many, source, 2).map((e) => e.url)).toEqual([
      'https://news.example/0',
      'https://news.example/1',
    ]);
    expect(selectEntries(many, source, 0)).toEqual([]);
  });
});

describe('toPlainText', () => {
  it.each([
    ['<p>a</p><p>b</p>', 'a b'],
    ['x &lt; y &amp;&amp; z', 'x < y && z'],
    ['<script>alert(1)</script>Safe', 'Safe'],
    ['&hellip; &#8217; &#x41; &nbsp;', '… ’ A'],
    ['&#0; &#xD800; &#1114112;', '\uFFFD \uFFFD \uFFFD'],
    ['Rare &eth;&Omega; and &amp;', 'Rare ðΩ and &'],
    ['Not an entity: &unknownthing; R&D', 'Not an entity: &unknownthing; R&D'],
    ['a < b', 'a < b'],
    ['<b>Bold</b>, <a href="x">link</a>.<br/>Next<!-- c -->', 'Bold, link. Next'],
    ['   ', undefined],
  ])('%j → %j', (html, expected) => {
    expect(toPlainText(html)).toBe(expected);
  });
});
