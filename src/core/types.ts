/**
 * @module core/types
 * The data that flows through Lede's pipeline, pull → extract → license → render → serve.
 * Every stage takes and returns these plain, serialisable shapes; none carries a full article body
 * past the licence stage (see `LicensedExcerpt`).
 */

/** Where a feed's article links come from (`source` in `feeds/<id>.json`). */
export type SourceSpec =
  | { readonly type: 'feed'; readonly url: string }
  | { readonly type: 'sitemap'; readonly url: string }
  | {
      readonly type: 'html';
      readonly url: string;
      /** CSS selector of the article links on the listing page. */
      readonly links: string;
      /** CSS selector of the "next page" link. */
      readonly next?: string | undefined;
      /** How many listing pages to follow (default 1). */
      readonly pages: number;
    };

/** Per-source CSS selectors (`article` in a feed definition); all optional. */
export interface ArticleSelectors {
  readonly content?: string | undefined;
  readonly title?: string | undefined;
  readonly published?: string | undefined;
  readonly author?: string | undefined;
  readonly remove: readonly string[];
  /** UTC offset (e.g. `+05:00`) for dates the page prints without one, like a local-time dateline. */
  readonly timezone?: string | undefined;
}

/** The publisher's re-use terms (`license` in a feed definition). */
export interface LicensePolicy {
  /** Most of an article's words an item may reproduce, 0 < maxShare ≤ 1. */
  readonly maxShare: number;
  /** Absolute cap on reproduced words; with maxShare, the smaller allowance wins. */
  readonly maxWords?: number | undefined;
  /** The source's name, shown with the mandatory backlink. */
  readonly attribution: string;
  /** Template of the backlink line; `{attribution}` is replaced. Default "Read the full article at {attribution}". */
  readonly attributionText?: string | undefined;
  /** Optional human-readable terms, shown to subscribers as feed-level rights. */
  readonly terms?: string | undefined;
  /** URL of the terms, for Atom/RSS `link rel="license"`. */
  readonly termsUrl?: string | undefined;
  /** Whether items may carry the article's image: always, never, or only with its caption/credit. */
  readonly images?: boolean | 'credited' | undefined;
  /** Embargo: articles appear only this long after publication (e.g. "2h", "30m", "1d"). */
  readonly delay?: string | undefined;
  /**
   * The publisher granted these terms to this feed explicitly (e.g. in writing): a TDM reservation
   * then does not reduce items to title and backlink. Other signals (nosnippet, paywall) still apply.
   */
  readonly explicit?: boolean | undefined;
}

/**
 * What the publisher itself says about re-use, read from the page, its headers and the site's
 * robots.txt / tdmrep.json. Recorded per item (audit) and combined with the configured licence:
 * the stricter always wins.
 */
export interface PublisherSignals {
  /** `nosnippet` in `<meta name=robots>` or `X-Robots-Tag`: title and backlink only. */
  readonly nosnippet: boolean;
  /** `max-snippet:N`: at most N characters of text (undefined: no limit; 0 = nosnippet; -1 = no limit). */
  readonly maxSnippet?: number;
  readonly noarchive: boolean;
  /** TDM Reservation Protocol: rights reserved (meta, header, or /.well-known/tdmrep.json). */
  readonly tdmReserved: boolean;
  readonly tdmPolicy?: string;
  /**
   * JSON-LD `isAccessibleForFree: false` without `hasPart`, or with `hasPart` parts that held the whole body:
   * the whole article is paywalled.
   */
  readonly paywalled: boolean;
  /** robots.txt disallows Lede's user agent for this path. */
  readonly robotsDisallowed: boolean;
  /** Really Simple Licensing: the licence URL (robots.txt `License:` or `<link rel=license type=application/rsl+xml>`). */
  readonly rslLicense?: string;
  /** RSL or IETF AI-Preferences (`Content-Usage`) forbid this use. */
  readonly usageForbidden: boolean;
  /** Raw `Content-Usage` preference text, as recorded. */
  readonly contentUsage?: string;
  /** Human-readable list of where each signal was seen, e.g. "X-Robots-Tag: nosnippet". */
  readonly seen: readonly string[];
}

/**
 * Why an item is its title and backlink only, as a code the renderers turn into a sentence in the feed's
 * language (src/core/render/item-text.ts). One per publisher signal that withholds the whole excerpt.
 */
export type TitleOnlyReason =
  'robots-disallowed' | 'nosnippet' | 'max-snippet' | 'paywalled' | 'usage-forbidden' | 'tdm-reserved';

/**
 * The terms that apply to ONE article: its feed's licence combined with what the publisher's page says
 * (`resolvePolicy` in src/core/license/resolve-policy.ts), the stricter always winning. `buildExcerpt`
 * takes this, never a bare `LicensePolicy`; it is stored with each item for the audit.
 */
export interface EffectivePolicy {
  /** Most of the article's words an item may reproduce, 0 < maxShare ≤ 1. */
  readonly maxShare: number;
  /**
   * Absolute cap on reproduced words (undefined: none). The allowance itself depends on the article's
   * length and is computed when cutting: min(floor(maxShare × articleWords), maxWords).
   */
  readonly maxWords?: number;
  /** Most characters (Unicode code points) of excerpt text, from `max-snippet:N` (undefined: no limit). */
  readonly maxChars?: number;
  /** Title and backlink only: nothing of the body may be quoted. */
  readonly titleOnly: boolean;
  /** When `titleOnly`: the first signal that made it so (the one readers are told). */
  readonly titleOnlyReason?: TitleOnlyReason;
  /** Whether the item may carry the article's image (`credited`: only with its caption/credit). */
  readonly images: boolean | 'credited';
  /** One line per signal that made this policy stricter than the licence, e.g. "nosnippet (X-Robots-Tag: nosnippet)". */
  readonly reasons: readonly string[];
}

/**
 * A validated, frozen `feeds/<id>.json`. Its optional fields (and those of its parts) are absent when the
 * file leaves them out; they are typed `| undefined` as the schema's output is (valibot's `optional`).
 */
export interface FeedDefinition {
  readonly id: string;
  readonly title: string;
  readonly site: string;
  readonly language?: string | undefined;
  readonly description?: string | undefined;
  readonly source: SourceSpec;
  readonly article?: ArticleSelectors | undefined;
  readonly license: LicensePolicy;
  /** `false` is the kill switch: the feed answers 410 Gone and its items and renditions are purged. Default true. */
  readonly enabled?: boolean | undefined;
  /** Cron expression (five fields). */
  readonly schedule: string;
  readonly maxItems: number;
}

/** One article link found by the pull stage, with whatever metadata the source gave for it. */
export interface SourceEntry {
  /** Absolute article URL as the source lists it. */
  readonly url: string;
  readonly title?: string;
  /** ISO 8601 instant. */
  readonly published?: string;
  readonly updated?: string;
  readonly author?: string;
  readonly summary?: string;
  readonly image?: string;
  readonly categories?: readonly string[];
  /** BCP 47 language tag when the source gives one per entry (Google News sitemap, Atom `xml:lang`). */
  readonly language?: string;
}

/** What the extract stage makes of an article page. `text` is the full body: it must not leave the licence stage. */
export interface ExtractedArticle {
  /** Canonical URL (from `<link rel=canonical>` or og:url, tracking parameters removed). */
  readonly url: string;
  readonly title?: string;
  /** ISO 8601 instant. */
  readonly published?: string;
  readonly modified?: string;
  readonly author?: string;
  /** Absolute URL of the lead image. */
  readonly image?: string;
  /** The lead image's credit or caption (JSON-LD ImageObject creditText/copyrightHolder/caption, or its figcaption). */
  readonly imageCredit?: string;
  /** BCP 47 language tag, e.g. `en`, `kk`, `ru`. */
  readonly language?: string;
  readonly categories: readonly string[];
  /** Body text: paragraphs separated by a blank line ("\n\n"); empty when no body was found. */
  readonly text: string;
  /**
   * What the page itself (and its response headers, when given) says about re-use: robots meta,
   * X-Robots-Tag, TDMRep, paywall, RSL link, Content-Usage. Absent when the page says nothing.
   * Combine with the site's signals through `mergeSignals` (core/signals/merge-signals).
   */
  readonly signals?: Partial<PublisherSignals>;
}

/** The most of an article that may leave the system: a prefix of its body, cut to the licence. */
export interface LicensedExcerpt {
  /** Paragraphs of the excerpt, in order, plain text. The last may end with an ellipsis. */
  readonly paragraphs: readonly string[];
  /** Words in the excerpt, counted as the licence counts them. */
  readonly words: number;
  /** Words in the whole article body. */
  readonly articleWords: number;
  /** words / articleWords (0 when the article has no countable words). */
  readonly share: number;
}

/** One feed item as stored and rendered: metadata plus the licensed excerpt, never the full body. */
export interface FeedItem {
  /** Stable id (the canonical URL), used as guid / Atom id / JSON Feed id. */
  readonly id: string;
  /** Canonical article URL: every item links back here. */
  readonly url: string;
  readonly title: string;
  /** ISO 8601 instants. */
  readonly published: string;
  readonly updated: string;
  readonly author?: string;
  readonly image?: string;
  /** Credit or caption shown with the image (required for it under `images: "credited"`). */
  readonly imageCredit?: string;
  readonly language?: string;
  readonly categories: readonly string[];
  readonly excerpt: LicensedExcerpt;
  /** Set when the licence stage withheld the whole excerpt: why, told to readers with the backlink. */
  readonly titleOnlyReason?: TitleOnlyReason;
}

/** Everything a renderer needs about the feed itself. */
export interface FeedMeta {
  readonly id: string;
  readonly title: string;
  readonly site: string;
  /** Absent, undefined or blank: the renderers describe the feed from its title and terms. */
  readonly description?: string | undefined;
  readonly language?: string | undefined;
  /** The feed's licence with its image rule resolved (the licence stage's default when unset): renderers state it as is. */
  readonly license: LicensePolicy & { readonly images: NonNullable<LicensePolicy['images']> };
  /** Absolute URLs of this feed's own representations (self links). */
  readonly links: { readonly rss: string; readonly atom: string; readonly json: string };
  /** ISO 8601 instant: the newest item's `updated`, else the last build (or a fixed epoch when unknown) — never "now". */
  readonly updated: string;
  /**
   * ISO 8601 instant of the feed's last build: when its bytes last changed (the rendition's Last-Modified).
   * RSS `lastBuildDate`, Atom feed `updated`, JSON Feed `_lede.updated`; absent: `updated` stands in.
   */
  readonly builtAt?: string | undefined;
  /** WebSub hub (W3C WebSub §4): advertised as `rel="hub"` in every format when set. */
  readonly hub?: string | undefined;
}

export type FeedFormat = 'rss' | 'atom' | 'json';

/**
 * `T` while it is built field by field: each optional field may also hold `undefined`, until a compaction
 * (e.g. `extractPage`'s) drops those fields and leaves a `T` whose optional fields are only ever absent.
 */
export type WithUndefined<T> = { [K in keyof T]: Partial<Pick<T, K>> extends Pick<T, K> ? T[K] | undefined : T[K] };
