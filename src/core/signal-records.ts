/**
 * @module core/signal-records
 * What a site says about re-use for all its pages, as plain JSON-serialisable records: its robots.txt
 * as it applies to Lede, its TDMRep rules, its RSL licence terms. The signals stage makes them and the
 * Store port keeps them (RFC 9309 §2.4: for at most 24 hours), so they live below both.
 */

export interface RobotsRule {
  readonly allow: boolean;
  /** Normalised pattern, as matched. */
  readonly pattern: string;
}

export interface UsageRule {
  /** `Content-Usage` (IETF AI-Preferences) or `Content-Signal` (Cloudflare's managed robots.txt). */
  readonly field: 'Content-Usage' | 'Content-Signal';
  readonly pattern: string;
  /** The preference text as written, e.g. `train-ai=n, search=y`. */
  readonly preference: string;
}

/** The part of a robots.txt that concerns one crawler: plain, JSON-serialisable data. */
export interface RobotsPolicy {
  /** The group that applied: the crawler's token as asked for, `*`, or undefined (no group: all allowed). */
  readonly group?: string;
  readonly rules: readonly RobotsRule[];
  readonly usage: readonly UsageRule[];
  /** RSL `License:` URLs as written (global lines). */
  readonly licenses: readonly string[];
}

export interface TdmRule {
  /** Normalised location pattern. */
  readonly location: string;
  readonly reserved: boolean;
  readonly policy?: string;
}

export interface RslContentTerms {
  /** Normalised path pattern of the asset on the site (full-URL assets on other origins are dropped). */
  readonly pattern: string;
  readonly forbidden: boolean;
  /** Why, in words, for the audit: e.g. `prohibits search`, `permits ai-index only`, `requires payment (crawl)`. */
  readonly reason: string;
}

export interface RslTerms {
  /** The licence document's URL. */
  readonly url: string;
  readonly contents: readonly RslContentTerms[];
}

export interface SiteSignalError {
  readonly source: 'robots.txt' | 'tdmrep.json' | 'rsl';
  readonly url: string;
  /** The fetch's `LedeError` code (`http-status`, `timeout`, `network`, `malformed-source`, …). */
  readonly code: string;
  readonly message: string;
}

/** A site's own signals: plain data, safe to cache as JSON. */
export interface SiteSignals {
  /** `scheme://host[:port]` the signals were read from. */
  readonly origin: string;
  /** robots.txt as it applies to Lede; undefined when the site has none (4xx: everything allowed). */
  readonly robots?: RobotsPolicy;
  /** robots.txt could not be read (5xx, network…): RFC 9309 §2.3.1.3, the whole site is disallowed. */
  readonly robotsUnreachable: boolean;
  /** `/.well-known/tdmrep.json` rules, in file order. */
  readonly tdm: readonly TdmRule[];
  /** The RSL licence named by robots.txt `License:`, when it could be read. */
  readonly rsl?: RslTerms;
  readonly errors: readonly SiteSignalError[];
}
