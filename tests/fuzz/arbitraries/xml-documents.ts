/**
 * @module tests/fuzz/arbitraries/xml-documents
 * Hostile XML as upstream sources serve it: RSS 2.0, RSS 1.0 (RDF), Atom 1.0, sitemaps, sitemap indexes and
 * RSL licences. Each document is a valid-looking skeleton of its format whose values are hostile text, each
 * embedded one of several ways (escaped, raw, in CDATA — also with a `]]>` inside —, escaped twice), then
 * perhaps damaged: a prologue of junk or a DOCTYPE declaring nested entities, deep nesting, an element with
 * hundreds of attributes, unknown namespaces, an unbalanced or truncated tail.
 */
import fc from 'fast-check';
import { hostileDate, hostileText, hostileUrl, publisherText } from './hostile-text.ts';

const escape = (text: string): string =>
  text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/** The ways a producer embeds a value in an element. */
const embedding = fc.constantFrom<(text: string) => string>(
  (text) => escape(text),
  (text) => escape(text),
  (text) => text,
  (text) => `<![CDATA[${text}]]>`,
  (text) => `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`,
  (text) => escape(escape(text)),
  (text) => `<b>${escape(text)}</b> <i>x</i>`,
);

/** Attribute values: usually escaped, sometimes raw (which breaks the document, as real junk does). */
const attributeEmbedding = fc.constantFrom<(text: string) => string>(
  (text) => escape(text),
  (text) => escape(text),
  (text) => escape(text),
  (text) => text,
);

/** `<name>value</name>` with a hostile value, embedded one of the ways above, or absent. */
function field(name: string, value: fc.Arbitrary<string> = publisherText): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 4, arbitrary: fc.tuple(value, embedding).map(([text, embed]) => `<${name}>${embed(text)}</${name}>`) },
    { weight: 1, arbitrary: fc.constant('') },
    { weight: 1, arbitrary: fc.constant(`<${name}/>`) },
  );
}

function attribute(name: string, value: fc.Arbitrary<string> = hostileText(4)): fc.Arbitrary<string> {
  return fc.option(
    fc.tuple(value, attributeEmbedding).map(([text, embed]) => ` ${name}="${embed(text)}"`),
    { nil: '' },
  );
}

/** Fields joined in a shuffled order, some repeated. */
function shuffledFields(fields: fc.Arbitrary<string>[]): fc.Arbitrary<string> {
  return fc
    .tuple(...fields)
    .chain((parts) => fc.shuffledSubarray(parts.concat(parts.slice(0, 2)), { minLength: Math.min(3, parts.length) }))
    .map((parts) => parts.join('\n'));
}

/** Elements from namespaces no parser here knows, and known prefixes without their declaration. */
const foreignElement = fc.constantFrom(
  '<foo:bar xmlns:foo="urn:x">x</foo:bar>',
  '<undeclared:thing>y</undeclared:thing>',
  '<content:encoded><![CDATA[<p>full body</p>]]></content:encoded>',
  '<slash:comments>3</slash:comments>',
  '<media:group><media:content url="/a.jpg" medium="image"><media:title>T</media:title></media:content></media:group>',
  '<atom:link rel="alternate" href="/alt"/>',
  '<?pi inside?>',
  '<!-- a comment -- with dashes -->',
);

const rssItem = shuffledFields([
  field('title'),
  field('link', hostileUrl),
  field('guid', hostileUrl),
  field('description'),
  field('pubDate', hostileDate),
  field('dc:date', hostileDate),
  field('dc:creator'),
  field('author'),
  field('category'),
  field('atom:updated', hostileDate),
  fc
    .tuple(attribute('url', hostileUrl), attribute('type', fc.constantFrom('image/jpeg', 'image/', 'audio/mpeg', '')))
    .map(([url, type]) => `<enclosure${url}${type}/>`),
  fc
    .tuple(attribute('url', hostileUrl), attribute('medium', fc.constantFrom('image', 'video')))
    .map(([url, medium]) => `<media:content${url}${medium}><media:title>${escape('t')}</media:title></media:content>`),
  foreignElement,
]).map((fields) => `<item>${fields}</item>`);

const NAMESPACES =
  ' xmlns:dc="http://purl.org/dc/elements/1.1/" xmlns:media="http://search.yahoo.com/mrss/" xmlns:atom="http://www.w3.org/2005/Atom"';

const rss2 = fc
  .tuple(field('title'), field('link', hostileUrl), fc.array(rssItem, { maxLength: 6 }), fc.boolean())
  .map(
    ([title, link, items, namespaces]) =>
      `<rss version="2.0"${namespaces ? NAMESPACES : ''}><channel>${title}${link}${items.join('')}</channel></rss>`,
  );

const rss1 = fc
  .tuple(fc.array(fc.tuple(attribute('rdf:about', hostileUrl), rssItem), { maxLength: 5 }), fc.boolean())
  .map(
    ([items, nested]) =>
      `<rdf:RDF xmlns:rdf="http://www.w3.org/1999/02/22-rdf-syntax-ns#" xmlns="http://purl.org/rss/1.0/"${NAMESPACES}>` +
      `<channel rdf:about="https://news.example/">${nested ? items.map(([about, item]) => item.replace('<item>', `<item${about}>`)).join('') : ''}</channel>` +
      `${nested ? '' : items.map(([about, item]) => item.replace('<item>', `<item${about}>`)).join('')}</rdf:RDF>`,
  );

/** An Atom text construct (RFC 4287 §3.1) of any type, xhtml with its div, or a type no one defined. */
function atomText(name: string): fc.Arbitrary<string> {
  return fc.oneof(
    field(name),
    fc
      .tuple(fc.constantFrom('text', 'html', 'text/html', 'bogus', ''), publisherText, embedding)
      .map(([type, text, embed]) => `<${name} type="${type}">${embed(text)}</${name}>`),
    fc
      .tuple(publisherText, embedding)
      .map(
        ([text, embed]) =>
          `<${name} type="xhtml"><div xmlns="http://www.w3.org/1999/xhtml">${embed(text)}<b>${escape(text)}</b></div></${name}>`,
      ),
  );
}

const atomLink = fc
  .tuple(
    attribute('href', hostileUrl),
    attribute('rel', fc.constantFrom('alternate', 'self', 'enclosure', 'related', '')),
    attribute('type', fc.constantFrom('text/html', 'image/png', 'application/xhtml+xml', '')),
  )
  .map(([href, rel, type]) => `<link${href}${rel}${type}/>`);

const atomEntry = fc
  .tuple(
    attribute('xml:base', hostileUrl),
    attribute('xml:lang', fc.constantFrom('en', 'kk-KZ', 'x', '\u0000', '')),
    shuffledFields([
      atomText('title'),
      atomText('summary'),
      atomText('content'),
      atomLink,
      atomLink,
      field('id', hostileUrl),
      field('updated', hostileDate),
      field('published', hostileDate),
      fc.tuple(field('name'), field('email')).map(([name, email]) => `<author>${name}${email}</author>`),
      fc.tuple(attribute('term'), attribute('label')).map(([term, label]) => `<category${term}${label}/>`),
      field('dc:title'),
      foreignElement,
    ]),
  )
  .map(([base, lang, fields]) => `<entry${base}${lang}>${fields}</entry>`);

const atom = fc
  .tuple(attribute('xml:base', hostileUrl), atomText('title'), fc.array(atomEntry, { maxLength: 6 }))
  .map(
    ([base, title, entries]) =>
      `<feed xmlns="http://www.w3.org/2005/Atom"${NAMESPACES}${base}>${title}${entries.join('')}</feed>`,
  );

const sitemapUrl = shuffledFields([
  field('loc', hostileUrl),
  field('lastmod', hostileDate),
  field('changefreq'),
  fc
    .tuple(
      field('news:title'),
      field('news:publication_date', hostileDate),
      field('news:keywords'),
      field('news:language'),
    )
    .map(
      ([title, date, keywords, language]) =>
        `<news:news><news:publication><news:name>N</news:name>${language}</news:publication>${title}${date}${keywords}</news:news>`,
    ),
  field('image:loc', hostileUrl).map((loc) => `<image:image>${loc}</image:image>`),
]).map((fields) => `<url>${fields}</url>`);

const urlset = fc
  .array(sitemapUrl, { maxLength: 8 })
  .map(
    (urls) =>
      `<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9" xmlns:image="http://www.google.com/schemas/sitemap-image/1.1">${urls.join('')}</urlset>`,
  );

const sitemapIndex = fc
  .array(
    fc
      .tuple(field('loc', hostileUrl), field('lastmod', hostileDate))
      .map(([loc, lastmod]) => `<sitemap>${loc}${lastmod}</sitemap>`),
    { maxLength: 8 },
  )
  .map((maps) => `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">${maps.join('')}</sitemapindex>`);

const rslLicense = fc
  .tuple(
    fc.constantFrom('permits', 'prohibits', 'payment', 'legal', 'bogus'),
    fc.constantFrom('usage', 'user', 'geo', ''),
    fc.constantFrom('all', 'ai-train', 'search', 'ai-use ai-summarize', 'ai-all', '', 'x'),
    embedding,
  )
  .map(([element, type, value, embed]) => `<license><${element} type="${type}">${embed(value)}</${element}></license>`);

const rsl = fc
  .array(
    fc
      .tuple(
        attribute('url', fc.oneof(hostileUrl, fc.constantFrom('/', '/news/*', '*', '/a$', '/**/x'))),
        fc.array(rslLicense, { maxLength: 3 }),
      )
      .map(([url, licenses]) => `<content${url}>${licenses.join('')}</content>`),
    { maxLength: 5 },
  )
  .map((contents) => `<rsl xmlns="https://rslstandard.org/rsl">${contents.join('')}</rsl>`);

/** What comes before the root element: declarations (also wrong ones), BOM, junk, a DOCTYPE with entities. */
const prologue = fc.constantFrom(
  '',
  '<?xml version="1.0" encoding="UTF-8"?>',
  '\ufeff<?xml version="1.0"?>',
  '  \n<?xml version="1.0" encoding="windows-1251"?>',
  '<?xml encoding="utf-8" version="1.0"?>',
  '<?xml version="1.1"?>',
  '<?xml-stylesheet type="text/xsl" href="/rss.xsl"?>',
  '<!-- generator: hostile -->',
  '<!DOCTYPE rss PUBLIC "-//Netscape Communications//DTD RSS 0.91//EN" "http://my.netscape.com/publish/formats/rss-0.91.dtd">',
  '<!DOCTYPE x [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;"><!ENTITY c "&b;&b;&b;&b;&b;&b;&b;&b;&b;&b;"><!ENTITY d "&c;&c;&c;&c;&c;&c;&c;&c;&c;&c;">]>',
  '<!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>',
  'junk before the root',
);

/** A structural hazard inserted into the document. */
const hazard = fc.oneof(
  fc.integer({ min: 50, max: 1500 }).map((depth) => `${'<x>'.repeat(depth)}deep${'</x>'.repeat(depth)}`),
  fc
    .integer({ min: 50, max: 1500 })
    .map((count) => `<many ${Array.from({ length: count }, (_, i) => `a${String(i)}="${String(i)}"`).join(' ')}/>`),
  fc.constantFrom(
    '<open>',
    '</close>',
    '<a><b></a></b>',
    '<x y="1" y="2"/>',
    '<1bad/>',
    '<a:b:c/>',
    '&undefined;',
    '&d;&d;&d;',
    '<title>&c;&e;</title>',
    '<![CDATA[ no end',
  ),
  hostileText(6),
);

/** Insert a hazard at one of the document's tag boundaries, perhaps several; perhaps cut the tail. */
function damage(document: string): fc.Arbitrary<string> {
  const boundaries = [...document.matchAll(/></g)].map((match) => match.index + 1);
  return fc
    .tuple(
      fc.array(fc.tuple(fc.nat(Math.max(0, boundaries.length - 1)), hazard), { maxLength: 3 }),
      fc.option(fc.nat(document.length), { nil: undefined }),
    )
    .map(([insertions, cut]) => {
      let result = document;
      for (const [index, text] of insertions.sort(([a], [b]) => b - a)) {
        const at = boundaries[index] ?? result.length;
        result = `${result.slice(0, at)}${text}${result.slice(at)}`;
      }
      return cut === undefined ? result : result.slice(0, cut);
    });
}

/** A document of one of the given shapes: often intact (so parsing goes deep), sometimes damaged. */
function hostileDocument(root: fc.Arbitrary<string>): fc.Arbitrary<string> {
  return fc
    .tuple(prologue, root)
    .map(([head, body]) => `${head}${body}`)
    .chain((document) =>
      fc.oneof({ weight: 3, arbitrary: fc.constant(document) }, { weight: 2, arbitrary: damage(document) }),
    );
}

/** RSS 2.0, RSS 1.0 or Atom, hostile (see the module comment). */
export const hostileFeed = hostileDocument(fc.oneof(rss2, rss1, atom));
/** A sitemap or sitemap index, hostile. */
export const hostileSitemap = hostileDocument(fc.oneof(urlset, sitemapIndex));
/** An RSL document, hostile. */
export const hostileRsl = hostileDocument(rsl);
