/**
 * @module tests/helpers/title-before
 * src/core/extract/title.ts as it was before session 22 found a title's separators with `RegExp#exec` instead
 * of `String#matchAll`, kept verbatim (the entries renamed `cleanDocumentTitleBefore` and `stripSiteSuffixBefore`)
 * as the reference tests/core/extract/fields.test.ts compares them with. Remove this file, and that comparison,
 * once the change has shipped through a release with the output hashes unchanged
 * (tests/core/extract/golden/output-hashes.json), or when the title rules change on purpose.
 */
/** Separators between title segments; always surrounded by spaces in real titles. */
const SEPARATOR = / [|\-–—\\/>»·•] | :: /g;
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

function cutAtSeparators(title: string): string {
  const separators = Array.from(title.matchAll(SEPARATOR));
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
export function cleanDocumentTitleBefore(
  title: string,
  headings: readonly string[],
  h1s: readonly string[] = [],
): string {
  const original = title.replace(/\s+/g, ' ').trim();
  let cleaned = original;
  if (Array.from(original.matchAll(SEPARATOR)).length > 0) cleaned = cutAtSeparators(original);
  else if (original.includes(': ')) cleaned = cutAtColon(original, headings);
  else if ((original.length > 150 || original.length < 15) && h1s.length === 1 && h1s[0]) cleaned = h1s[0];
  cleaned = cleaned.replace(/\s+/g, ' ').trim();
  // Four words or fewer is more likely a fragment than the story's title: keep the original then,
  // unless a path-like title lost exactly its last segment.
  const words = countWords(cleaned);
  const lostOneSegment = words === countWords(original.replace(/[|\-–—\\/>»·•:]+/g, '')) - 1;
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
export function stripSiteSuffixBefore(
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
    const last = Array.from(current.matchAll(SEPARATOR)).at(-1);
    if (!last || last.index === 0) return current;
    const suffix = normaliseName(current.slice(last.index + last[0].length));
    const head = current.slice(0, last.index).trim();
    names ??= readNames();
    if (!names.has(suffix) || head === '') return current;
    current = head;
  }
}
