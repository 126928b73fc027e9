/**
 * @module core/extract/title
 * Article titles without the site's branding. `<title>` usually reads "Story | Site" or
 * "Site - Section - Story": we cut it the way Readability's `_getArticleTitle` does (drop the last
 * segment after a separator, or the first one if too little remains). Titles from structured data
 * only lose a trailing " | Site" when that segment really names the site.
 */

/**
 * Separators between title segments: surrounded by spaces in real titles, but for the full-width bar Japanese and
 * Chinese titles write without them ("記事｜社会｜新聞").
 */
const SEPARATOR = / [|\-–—\\/>»·•] | :: |\s*｜\s*/g;
/**
 * The separators in `text`, as `text.matchAll(SEPARATOR)` finds them (left to right, none overlapping, none
 * empty) without the copy of the regex and the iterator `matchAll` makes for each title: ten times the cost.
 */
function findSeparators(text: string): RegExpExecArray[] {
  const found: RegExpExecArray[] = [];
  SEPARATOR.lastIndex = 0;
  for (let match = SEPARATOR.exec(text); match !== null; match = SEPARATOR.exec(text)) found.push(match);
  return found;
}

/** Separators that mark a path ("Site > Section > Story") rather than a suffix. */
const HIERARCHICAL_SEPARATOR = / [\\/>»] /;

function countWords(text: string): number {
  return text
    .trim()
    .split(/\s+/)
    .filter((word) => word !== '').length;
}

/** Lower-case letters and digits only: "TMZ.com" and "tmz com" compare equal. */
function normaliseName(text: string): string {
  return text
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, '');
}

/** Cut `title` at its separators (`findSeparators(title)`, at least one). */
function cutAtSeparators(title: string, separators: readonly RegExpExecArray[]): string {
  const last = separators.at(-1);
  const first = separators[0];
  if (!last || !first) return title;
  const beforeLast = title.slice(0, last.index);
  return countWords(beforeLast) >= 3 ? beforeLast : title.slice(first.index + first[0].length);
}

/** "Site: Story" → "Story", unless a heading repeats the whole title (then the colon is the story's own). */
function cutAtColon(title: string, headings: readonly string[]): string {
  if (headings.includes(title)) return title;
  const afterLast = title.slice(title.lastIndexOf(':') + 1);
  if (countWords(afterLast) < 3) return title.slice(title.indexOf(':') + 1);
  return countWords(title.slice(0, title.indexOf(':'))) > 5 ? title : afterLast;
}

/**
 * The story's title from a document `<title>`; `headings` are the page's h1/h2 texts, used to confirm
 * a colon belongs to the story and to replace a title that is too short or too long to be one.
 *
 * @example
 *   cleanDocumentTitle('Sugar tax works, study finds | The Daily', []); // 'Sugar tax works, study finds'
 */
export function cleanDocumentTitle(title: string, headings: readonly string[], h1s: readonly string[] = []): string {
  const original = title.replace(/\s+/g, ' ').trim();
  let cleaned = original;
  const separators = findSeparators(original);
  if (separators.length > 0) cleaned = cutAtSeparators(original, separators);
  else if (original.includes(': ')) cleaned = cutAtColon(original, headings);
  else if ((original.length > 150 || original.length < 15) && h1s.length === 1 && h1s[0]) cleaned = h1s[0];
  cleaned = cleaned.replace(/\s+/g, ' ').trim();
  // Four words or fewer is more likely a fragment than the story's title: keep the original then,
  // unless a path-like title lost exactly its last segment.
  const words = countWords(cleaned);
  const lostOneSegment = words === countWords(original.replace(/[|\-–—\\/>»·•:]+/g, '').replace(/｜/g, ' ')) - 1;
  if (words <= 4 && (!HIERARCHICAL_SEPARATOR.test(original) || !lostOneSegment)) return original;
  return cleaned;
}

/**
 * Drop a trailing " | Site" (or " - Site", " — Site", " :: Site"…) when the segment names the site
 * (`siteNames`: og:site_name, the JSON-LD publisher, the host name; or a function that reads them).
 *
 * @example
 *   stripSiteSuffix('Story - The Qazaqstan Monitor', ['The Qazaqstan Monitor']); // 'Story'
 */
export function stripSiteSuffix(
  title: string,
  siteNames: readonly (string | undefined)[] | (() => readonly (string | undefined)[]),
): string {
  // The names are read (and normalised) only for a title with a separator: most have none.
  let names: Set<string> | undefined;
  const readNames = (): Set<string> => {
    const list = typeof siteNames === 'function' ? siteNames() : siteNames;
    return new Set(list.map((name) => (name ? normaliseName(name) : '')).filter((name) => name !== ''));
  };
  let current = title.trim();
  for (;;) {
    const last = findSeparators(current).at(-1);
    if (!last || last.index === 0) return current;
    const suffix = normaliseName(current.slice(last.index + last[0].length));
    const head = current.slice(0, last.index).trim();
    names ??= readNames();
    if (!names.has(suffix) || head === '') return current;
    current = head;
  }
}
