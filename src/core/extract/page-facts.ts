/**
 * @module core/extract/page-facts
 * What a parsed article page states that the signals stage reads: its `<meta name>` values, its
 * `rel=license` links, its paywall markup and the base URL its links resolve against. The extract stage
 * parses the page once and hands these facts on as plain values; what they mean for re-use (robots
 * meta, TDMRep, RSL) is decided in core/signals, which never sees the document.
 */
import { resolveHttpUrl } from '../url.ts';
import { readBaseUrl } from './canonical-url.ts';
import { getAttribute, selectAll, type DomDocument } from '../html-dom.ts';
import type { PaywallMarkup } from './paywall.ts';
import type { PaywalledBody } from './unquotable.ts';

/** A `<link rel="license" href type>` of the page, its `href` resolved. */
export interface LicenseLink {
  readonly href: string;
  /** The `type` attribute, trimmed and lower-cased (`application/rsl+xml`); '' when absent. */
  readonly type: string;
}

export interface PageFacts {
  /** `<base href>` resolved against the page URL (HTML §2.4.1), else the page URL. */
  readonly baseUrl: string;
  /** `<meta name>` contents by lower-cased name, in document order. */
  readonly metaByName: ReadonlyMap<string, readonly string[]>;
  readonly licenseLinks: readonly LicenseLink[];
  readonly paywall: PaywallMarkup;
  /**
   * Set by the body step, after the parts `paywall` names are cut, when the whole body counts as paywalled: the
   * elements that held the parts have no text left, or a part's selector cannot be applied (`PaywalledBody`).
   */
  readonly paywalledBody?: PaywalledBody;
}

function readMetaByName(document: DomDocument): Map<string, string[]> {
  const values = new Map<string, string[]>();
  for (const meta of selectAll(document, 'meta[name]')) {
    const name = (getAttribute(meta, 'name') ?? '').trim().toLowerCase();
    const content = getAttribute(meta, 'content');
    if (name === '' || content === null) continue;
    values.set(name, [...(values.get(name) ?? []), content]);
  }
  return values;
}

function readLicenseLinks(document: DomDocument, base: string): LicenseLink[] {
  return selectAll(document, 'link[rel][href]').flatMap((link) => {
    const rels = (getAttribute(link, 'rel') ?? '').toLowerCase().split(/\s+/);
    const href = rels.includes('license') ? resolveHttpUrl(getAttribute(link, 'href') ?? undefined, base) : undefined;
    return href === undefined ? [] : [{ href, type: (getAttribute(link, 'type') ?? '').trim().toLowerCase() }];
  });
}

/**
 * The facts of a parsed page the signals stage needs. Read-only: run it before the body step prunes.
 *
 * @example
 * readPageFacts(document, 'https://ex.com/a', readPaywallMarkup(readJsonLd(document))).metaByName.get('robots');
 * // ['max-snippet:120']
 */
export function readPageFacts(document: DomDocument, pageUrl: string, paywall: PaywallMarkup): PageFacts {
  const baseUrl = readBaseUrl(document, pageUrl);
  return {
    baseUrl,
    metaByName: readMetaByName(document),
    licenseLinks: readLicenseLinks(document, baseUrl),
    paywall,
  };
}
