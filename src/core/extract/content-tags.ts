/**
 * @module core/extract/content-tags
 * The tags Readability's walk (content-walk.ts) acts on by name, in one place because the unlikely rule's
 * retry proof (unlikely-retry.ts) must know every element the walk would act on: a list kept there apart
 * would let a change here silently change extraction's output.
 */

/** Elements the walk takes out when they hold no visible text (only `<br>`/`<hr>` at most). */
export const EMPTY_REMOVABLE: ReadonlySet<string> = new Set([
  'div',
  'section',
  'header',
  'h1',
  'h2',
  'h3',
  'h4',
  'h5',
  'h6',
]);

/** Elements whose text the walk lists for scoring. */
export const TAGS_TO_SCORE: ReadonlySet<string> = new Set(['section', 'h2', 'h3', 'h4', 'h5', 'h6', 'p', 'td', 'pre']);

/** Headings the walk takes out when they repeat the title (the first such only). */
export const TITLE_HEADINGS: ReadonlySet<string> = new Set(['h1', 'h2']);

/** The tag the walk converts (a paragraph-like `<div>` becomes a `<p>`) or wraps loose text in. */
export const CONVERTED_TAG = 'div';
