/**
 * Property tests of the licence engine over generated articles in several scripts and every combination
 * of limits: maxShare, maxWords, max-snippet characters, title-only signals, images, attribution text.
 * Whatever the combination, the published share never exceeds the strictest applicable limit, the
 * excerpt is a prefix of the body, re-cuts and publish-time enforcement never loosen anything, and the
 * backlink is in every format.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  buildExcerpt,
  computeAllowance,
  computeWordAllowance,
  countExcerptChars,
} from '../../../src/core/license/build-excerpt.ts';
import { countWords } from '../../../src/core/license/count-words.ts';
import { enforcePolicy, isExcerptWithin } from '../../../src/core/license/enforce-policy.ts';
import { measureReproducedWords } from '../../helpers/measure-share.ts';
import { DEFAULT_IMAGES, resolvePolicy } from '../../../src/core/license/resolve-policy.ts';
import { NO_SIGNALS } from '../../../src/core/signals/merge-signals.ts';
import { licenseArticle } from '../../../src/core/refresh/license-article.ts';
import { renderItemHtml } from '../../../src/core/render/item-html.ts';
import { describeTitleOnlyReason } from '../../../src/core/render/item-text.ts';
import { renderFeed } from '../../../src/core/render/render-feed.ts';
import { escapeXml } from '../../../src/core/render/xml.ts';
import type {
  EffectivePolicy,
  FeedDefinition,
  FeedMeta,
  LicensePolicy,
  PublisherSignals,
} from '../../../src/core/types.ts';
import { article, maxShare } from '../../helpers/article-arbitraries.ts';
import { assertValidAtom, assertValidJsonFeed, assertValidRss, htmlToText } from '../../helpers/feed-validity.ts';

const URL_ = 'https://news.example/a/1';
const IMAGE = 'https://news.example/img/1.jpg';
/** An emoji credit holds no words, so it cannot be mistaken for reproduced article text. */
const CREDIT = '📷 🇰🇿';
const DEFAULT_TEXT = 'Read the full article at {attribution}';
const TEMPLATES = [
  DEFAULT_TEXT,
  'Source: {attribution}.',
  'Толығырақ: {attribution} →',
  '{attribution} — 全文はこちら',
];

const license: fc.Arbitrary<LicensePolicy> = fc.record(
  {
    maxShare,
    maxWords: fc.option(fc.integer({ min: 0, max: 120 }), { nil: undefined }),
    attribution: fc.constantFrom('Example News', 'Қазақ <Үні> & Co'),
    attributionText: fc.constantFrom(...TEMPLATES),
    images: fc.constantFrom(true, false, 'credited' as const),
    explicit: fc.boolean(),
  },
  { requiredKeys: ['maxShare', 'attribution'] },
);

const maxSnippet = fc.oneof(fc.constant(-1), fc.constant(0), fc.integer({ min: 1, max: 400 }));

// `maxSnippet` is left out as often as `fc.option` would leave it undefined: PublisherSignals has it absent, not undefined.
const signals: fc.Arbitrary<PublisherSignals> = fc
  .record(
    {
      nosnippet: fc.boolean(),
      maxSnippet,
      noarchive: fc.boolean(),
      tdmReserved: fc.boolean(),
      paywalled: fc.boolean(),
      robotsDisallowed: fc.constant(false),
      usageForbidden: fc.boolean(),
    },
    { requiredKeys: ['nosnippet', 'noarchive', 'tdmReserved', 'paywalled', 'robotsDisallowed', 'usageForbidden'] },
  )
  .map((parts) => ({ ...NO_SIGNALS, ...parts, seen: [] }));

/** Mostly quiet pages or max-snippet alone, so most runs exercise the numeric limits rather than title-only. */
const someSignals = fc.oneof(
  { weight: 2, arbitrary: fc.constant(NO_SIGNALS) },
  { weight: 2, arbitrary: maxSnippet.map((n): PublisherSignals => ({ ...NO_SIGNALS, maxSnippet: n })) },
  { weight: 1, arbitrary: signals },
);

const normalise = (text: string): string => text.replace(/\s+/g, ' ').trim();

function isPrefix(text: string, paragraphs: readonly string[]): boolean {
  return normalise(text).startsWith(normalise(paragraphs.join(' ')).replace(/…$/, ''));
}

/** Every limit the effective policy states, checked independently of `computeWordAllowance`. */
function expectWithinEveryLimit(policy: EffectivePolicy, paragraphs: readonly string[], articleWords: number): void {
  const words = countWords(paragraphs.join('\n\n'));
  expect(words).toBeLessThanOrEqual(computeAllowance(policy.maxShare, articleWords));
  if (policy.maxWords !== undefined) expect(words).toBeLessThanOrEqual(policy.maxWords);
  if (policy.maxChars !== undefined) expect(countExcerptChars(paragraphs)).toBeLessThanOrEqual(policy.maxChars);
  if (policy.titleOnly) expect(paragraphs).toEqual([]);
}

describe('buildExcerpt under every combination of limits', () => {
  it('never exceeds the strictest limit, is a prefix of the body, and reports honest counts', () => {
    fc.assert(
      fc.property(article, license, someSignals, (text, terms, page) => {
        const policy = resolvePolicy(terms, page);
        const excerpt = buildExcerpt(text, policy);
        expectWithinEveryLimit(policy, excerpt.paragraphs, countWords(text));
        expect(isPrefix(text, excerpt.paragraphs)).toBe(true);
        expect(countWords(excerpt.paragraphs.join('\n\n'))).toBe(excerpt.words);
        expect(excerpt.words).toBeLessThanOrEqual(computeWordAllowance(policy, excerpt.articleWords));
      }),
      { numRuns: 300 },
    );
  });

  it('re-cutting a stored excerpt to stricter terms never exceeds them and stays a prefix', () => {
    fc.assert(
      fc.property(article, license, license, someSignals, (text, before, after, page) => {
        const stored = buildExcerpt(text, resolvePolicy(before, page));
        const stricter = resolvePolicy({ ...after, maxShare: Math.min(before.maxShare, after.maxShare) }, page);
        const recut = buildExcerpt(stored.paragraphs.join('\n\n'), stricter, undefined, stored.articleWords);
        expectWithinEveryLimit(stricter, recut.paragraphs, stored.articleWords);
        expect(isPrefix(text, recut.paragraphs)).toBe(true);
        expect(recut.words).toBeLessThanOrEqual(stored.words);
        expect(recut.articleWords).toBe(stored.articleWords);
      }),
      { numRuns: 200 },
    );
  });
});

describe('publish-time enforcement', () => {
  it('brings any stored excerpt — tampered or cut under other terms — within the current policy, idempotently', () => {
    fc.assert(
      fc.property(article, article, license, someSignals, (text, tampered, terms, page) => {
        const policy = resolvePolicy(terms, page);
        const articleWords = countWords(text);
        const paragraphs = tampered.split('\n\n');
        const item = {
          id: URL_,
          url: URL_,
          title: 'T',
          published: '2024-03-01T08:00:00Z',
          updated: '2024-03-01T08:00:00Z',
          categories: [],
          image: IMAGE,
          imageCredit: CREDIT,
          excerpt: { paragraphs, words: 1, articleWords, share: 0 },
        };
        const enforced = enforcePolicy(item, policy, articleWords);
        expectWithinEveryLimit(policy, enforced.excerpt.paragraphs, articleWords);
        expect(isExcerptWithin(enforced.excerpt, policy, articleWords)).toBe(true);
        expect(enforcePolicy(enforced, policy, articleWords)).toBe(enforced);
        if (policy.images === false) expect(enforced.image).toBeUndefined();
      }),
      { numRuns: 200 },
    );
  });
});

const FEED: Omit<FeedDefinition, 'license'> = {
  id: 'f',
  title: 'F',
  site: 'https://news.example/',
  source: { type: 'feed', url: 'https://news.example/rss' },
  schedule: '* * * * *',
  maxItems: 5,
};
const LINKS = { rss: 'https://lede.test/f.rss', atom: 'https://lede.test/f.atom', json: 'https://lede.test/f.json' };

describe('rendered items in every format', () => {
  it('carry the backlink, reproduce no more than the strictest limit, and the image only as allowed', async () => {
    await fc.assert(
      fc.asyncProperty(article, license, someSignals, fc.boolean(), async (text, terms, page, credited) => {
        const feed: FeedDefinition = { ...FEED, license: terms };
        const extracted = {
          url: URL_,
          title: 'T',
          categories: [],
          text,
          image: IMAGE,
          ...(credited ? { imageCredit: CREDIT } : {}),
        };
        const record = {
          feedId: 'f',
          sourceUrl: URL_,
          entryHash: '',
          entry: { url: URL_ },
          state: 'pending' as const,
          attempts: 0,
          discoveredAt: '2024-03-01T00:00:00Z',
        };
        const { item, audit } = await licenseArticle(feed, extracted, record, page);
        const meta: FeedMeta = {
          id: 'f',
          title: 'F',
          site: FEED.site,
          license: { ...terms, images: terms.images ?? DEFAULT_IMAGES },
          links: LINKS,
          updated: item.updated,
        };
        const backlink = renderItemHtml({ ...item, excerpt: { ...item.excerpt, paragraphs: [] } }, terms);
        const bodies = {
          rss: renderFeed('rss', meta, [item]),
          atom: renderFeed('atom', meta, [item]),
          json: renderFeed('json', meta, [item]),
        };
        expect(bodies.rss).toContain(escapeXml(backlink));
        expect(bodies.atom).toContain(escapeXml(backlink));
        expect(
          (JSON.parse(bodies.json) as { items: { content_html: string }[] }).items[0]?.content_html.endsWith(backlink),
        ).toBe(true);
        expect(audit).toMatchObject({
          articleWords: countWords(text),
          excerptWords: item.excerpt.words,
          policy: resolvePolicy(terms, page),
        });
        const allowed = audit.policy.images === true || (audit.policy.images === 'credited' && credited);
        expect(item.image !== undefined).toBe(allowed);
        if (terms.attributionText !== DEFAULT_TEXT) return;
        const allowance = computeWordAllowance(audit.policy, audit.articleWords);
        // Lede's own lines are not the article's words: the backlink, and the sentence saying why an item is
        // title-only (its words can coincide with a tiny article's, e.g. "of").
        const reason = item.titleOnlyReason && describeTitleOnlyReason(item.titleOnlyReason, meta.language);
        const withoutOwnLines = (html: string) => htmlToText(html, { dropBacklink: true }).replace(reason ?? '', '');
        for (const parsed of [
          assertValidRss(bodies.rss),
          assertValidAtom(bodies.atom),
          assertValidJsonFeed(bodies.json),
        ]) {
          const [rendered] = parsed.items;
          const texts = [
            withoutOwnLines(rendered!.html),
            ...(rendered!.summary === undefined ? [] : [rendered!.summary]),
          ];
          expect(measureReproducedWords(text, texts)).toBeLessThanOrEqual(allowance);
        }
      }),
      { numRuns: 120 },
    );
  });
});
