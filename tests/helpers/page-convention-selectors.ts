/**
 * @module tests/helpers/page-convention-selectors
 * The selectors page-fields.ts read datelines and bylines with before src/core/extract/page-conventions.ts
 * found them in one walk: the css-select reference the tests compare that walk, and the previous readers, with.
 */

/** Dateline candidates, one selector list. */
export const DATELINE_SELECTOR = [
  'time',
  '[class*="date" i]',
  '[id*="date" i]',
  '[class*="time" i]',
  '[class*="publish" i]',
  '[class*="posted" i]',
  '[class*="meta" i]',
  '[class*="byline" i]',
  '[class*="info" i]',
].join(',');

/** Byline candidates, each selector's matches taken in turn, in this order. */
export const BYLINE_SELECTORS: readonly string[] = [
  '[class*="byline" i] [class~="fn"]',
  '[itemprop~="author"] [itemprop~="name"]',
  '[itemprop~="author"]',
  '[rel~="author"]',
  '[class*="author-name" i], [class*="author_name" i], [class*="author__name" i]',
  '[class~="byline" i]',
  '[class~="author" i]',
  '[class*="byline" i]',
  '[class*="-author" i], [class*="_author" i], [class^="author-" i], [class^="author_" i], [class*=" author-" i], [class*=" author_" i]',
  '[class*="writer" i], [class*="reporter" i]',
];
