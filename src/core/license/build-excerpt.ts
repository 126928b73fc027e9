/**
 * @module core/license/build-excerpt
 * THE licence boundary: `buildExcerpt` is the only function that decides how much of an article may
 * leave the system. Everything downstream (store, renderers) holds its `LicensedExcerpt`, never the body.
 *
 * It takes the article's `EffectivePolicy` (the licence combined with the publisher's own signals, see
 * `resolve-policy.ts`). Count the body's words (see `count-words.ts`); an item may carry at most
 *
 *   allowance = min(floor(maxShare × articleWords), maxWords)      (0 when titleOnly)
 *
 * of them, and, under `max-snippet:N`, at most N characters of text (`countExcerptChars`). The excerpt
 * starts at the beginning of the article, ends at a sentence boundary (UAX #29 sentence segmentation) —
 * never right after a short paragraph that ends on no punctuation (a subheading with nothing under it) —
 * and fills as much of the allowance as sentence boundaries permit. When nothing fits yet because the
 * first sentence alone is too long, it is cut at a word boundary and ends with "…". Paragraphs
 * ("\n\n"-separated) are kept.
 *
 * Re-cutting: a stored excerpt is a prefix of its article, and the article's word count is stored with
 * it. Passed as `text` with that `articleWords`, it is cut to a stricter policy exactly as the whole
 * body would be, up to its own length — no refetch needed.
 *
 * Belt and braces: after cutting, the excerpt text is counted again on its own, and cut shorter if that
 * count is over the allowance. Dictionary-based CJK segmentation can split a truncated run of Han
 * characters differently from the whole run, so "words up to this offset" and "words in this prefix"
 * may differ by one; the recount makes the reported `words` exactly what a reader of the output counts.
 */
import type { EffectivePolicy, LicensedExcerpt } from '../types.ts';
import { countWords, findSentenceEnds, findWordBounds } from './count-words.ts';
import { joinParagraphs, PARAGRAPH_SEPARATOR } from '../paragraphs.ts';
import { withoutRepeatedParagraphs } from './unique-paragraphs.ts';

const ELLIPSIS = '…';

interface Range {
  readonly start: number;
  readonly end: number;
}

/** A place the excerpt may stop: an offset in the body, and whether the stop is mid-sentence. */
interface Cut {
  readonly end: number;
  readonly ellipsis: boolean;
}

/** What a cut must fit: a word budget, and a character cap measured by `charsAt[offset]`. */
interface Limits {
  readonly budget: number;
  readonly maxChars: number;
  readonly charsAt: Int32Array;
}

/** The whitespace `sliceParagraphs` folds (space, \t \n \v \f \r); other spaces (NBSP…) are kept, so they count. */
function isFoldedSpace(code: number): boolean {
  return code === 0x20 || (code >= 0x09 && code <= 0x0d);
}

/** The paragraph [start, end) trimmed, or undefined when it holds only whitespace. */
function trimParagraph(text: string, start: number, end: number): Range | undefined {
  const slice = text.slice(start, end);
  const lead = slice.length - slice.trimStart().length;
  const trimmed = slice.trim();
  return trimmed === '' ? undefined : { start: start + lead, end: start + lead + trimmed.length };
}

/**
 * Paragraph ranges: separated by a blank line (possibly holding spaces), trimmed, empty ones dropped — up
 * to the first that ends past `until`. The excerpt never reads a paragraph after that one (see
 * `findBodySentenceEnds`), so the rest of a long body is not split.
 */
function findParagraphs(text: string, until: number): Range[] {
  const ranges: Range[] = [];
  const separator = new RegExp(PARAGRAPH_SEPARATOR, 'g');
  let start = 0;
  for (;;) {
    const match = separator.exec(text);
    const range = trimParagraph(text, start, match === null ? text.length : match.index);
    if (range !== undefined) ranges.push(range);
    if (match === null || (range !== undefined && range.end > until)) return ranges;
    start = match.index + match[0].length;
  }
}

/** Number of words that start before `offset` (`bounds`: start, end, start, end…, sorted). */
function countWordsBefore(bounds: readonly number[], offset: number): number {
  let low = 0;
  let high = bounds.length / 2;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((bounds[2 * mid] ?? Infinity) < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * The body's sentence ends, as absolute offsets, in order, as far as a cut of at most `allowance` words
 * can reach: up to the first end past `until`, the start of the word after the allowance (words before an
 * offset only grow, and a cut stops at the first sentence end over its budget), so later ends are never
 * read — and segmenting sentences is most of what an excerpt costs.
 */
function findBodySentenceEnds(text: string, paragraphs: readonly Range[], until: number, locale?: string): number[] {
  const ends: number[] = [];
  for (const p of paragraphs) {
    for (const end of findSentenceEnds(text.slice(p.start, p.end), locale, until - p.start)) ends.push(p.start + end);
    if (p.end > until) break;
  }
  return ends;
}

/** Paragraphs longer than this are prose, whatever they end with; shorter ones may be headings. */
const MAX_HEADING_LENGTH = 120;
/** A sentence's last character in any script (`.`, `!`, `?`, `…`, `;`, `:`, 。, ！, ？, ؟, ।, ॥), before closing quotes. */
const ENDS_SENTENCE = /[.!?…;:。！？؟।॥][\s"'»”’)\]）」』]*$/u;

/**
 * `sentenceEnds` without the ends of short paragraphs that close on no punctuation — subheadings, a kicker —
 * so an excerpt never stops on a heading with nothing under it; the text's own end stays (an article may end on
 * such a line, and all of it may be allowed). Dropping a place to stop only ever shortens a cut (the one before
 * it is taken), or leaves the first sentence to be cut with an ellipsis.
 */
function dropHeadingEnds(
  text: string,
  paragraphs: readonly Range[],
  sentenceEnds: readonly number[],
): readonly number[] {
  const textEnd = text.trimEnd().length;
  const headingEnds = new Set<number>();
  for (const p of paragraphs) {
    const isShort = p.end - p.start <= MAX_HEADING_LENGTH;
    if (isShort && p.end < textEnd && !ENDS_SENTENCE.test(text.slice(p.start, p.end))) headingEnds.add(p.end);
  }
  return headingEnds.size === 0 ? sentenceEnds : sentenceEnds.filter((end) => !headingEnds.has(end));
}

/**
 * For every offset of the body up to `reach`, how many characters an excerpt cut there would have (before any
 * ellipsis): code points of the paragraphs as `sliceParagraphs` folds them, one per paragraph break.
 * Only offsets at word ends are ever looked up; they never fall inside a whitespace run.
 */
function measureCharsAt(text: string, paragraphs: readonly Range[], reach: number): Int32Array {
  const charsAt = new Int32Array(reach + 1);
  let count = 0;
  let offset = 0;
  for (const [index, p] of paragraphs.entries()) {
    if (p.start > reach) break;
    for (; offset <= p.start; offset++) charsAt[offset] = count;
    if (index > 0) count += 1;
    for (; offset <= Math.min(p.end, reach); offset++) {
      const code = text.charCodeAt(offset - 1);
      const isFoldedAway = isFoldedSpace(code) && isFoldedSpace(text.charCodeAt(offset - 2));
      const isLowSurrogate = code >= 0xdc00 && code <= 0xdfff;
      if (!isFoldedAway && !isLowSurrogate) count += 1;
      charsAt[offset] = count;
    }
  }
  for (; offset <= reach; offset++) charsAt[offset] = count;
  return charsAt;
}

/**
 * Where to stop within `limits`: the last sentence end that fits, or, when no word fits at a sentence
 * end, right after the last word that fits with an ellipsis.
 */
function chooseCut(words: readonly number[], sentenceEnds: readonly number[], limits: Limits): Cut | undefined {
  const { budget, maxChars, charsAt } = limits;
  if (budget <= 0) return undefined;
  let best: number | undefined;
  for (const end of sentenceEnds) {
    if (countWordsBefore(words, end) > budget || (charsAt[end] ?? Infinity) > maxChars) break;
    best = end;
  }
  if (best !== undefined && countWordsBefore(words, best) > 0) return { end: best, ellipsis: false };
  let count = Math.min(budget, words.length / 2);
  // The ellipsis is one more character.
  while (count > 0 && (charsAt[words[2 * count - 1] ?? 0] ?? Infinity) + 1 > maxChars) count -= 1;
  const lastEnd = words[2 * count - 1];
  return count === 0 || lastEnd === undefined ? undefined : { end: lastEnd, ellipsis: true };
}

/**
 * Whether `text` holds a whitespace run that folding changes: one that is not a single space. Most paragraphs hold
 * none, and testing is several times cheaper than a replace that gives back the same text.
 */
const UNFOLDED_SPACE = /[\t\n\v\f\r]| {2}/;

/** `text` with each run of the whitespace `isFoldedSpace` names folded to one space. */
function foldSpaces(text: string): string {
  return UNFOLDED_SPACE.test(text) ? text.replace(/[ \t\n\r\f\v]+/g, ' ') : text;
}

/** The excerpt's paragraphs for a cut: every paragraph up to the cut, whitespace runs folded. */
function sliceParagraphs(text: string, paragraphs: readonly Range[], cut: Cut): string[] {
  const out: string[] = [];
  for (const p of paragraphs) {
    if (p.start >= cut.end) break;
    const slice = foldSpaces(text.slice(p.start, Math.min(p.end, cut.end))).trim();
    if (slice !== '') out.push(slice);
  }
  const last = out.at(-1);
  if (cut.ellipsis && last !== undefined) out[out.length - 1] = last + ELLIPSIS;
  return out;
}

/**
 * The licence's allowance: floor(maxShare × articleWords), computed in plain floating point exactly as
 * written (0.29 × 100 floors to 28: rounding error only ever errs on the side of fewer words).
 * A maxShare that is not positive (or NaN) allows nothing; one above 1 is treated as 1.
 *
 * @example
 * computeAllowance(0.3, 3); // 0 — a three-word article at 30% may not be quoted at all
 */
export function computeAllowance(maxShare: number, articleWords: number): number {
  if (!(maxShare > 0)) return 0;
  return Math.floor(Math.min(maxShare, 1) * articleWords);
}

/**
 * The word allowance of a policy for an article of `articleWords` words:
 * min(floor(maxShare × articleWords), maxWords), and 0 for a title-only policy. A cap that is not a
 * number ≥ 0 allows nothing (the safe reading of a broken value).
 *
 * @example
 * computeWordAllowance({ maxShare: 0.3, maxWords: 100, titleOnly: false, images: false, reasons: [] }, 1000); // 100
 */
export function computeWordAllowance(policy: EffectivePolicy, articleWords: number): number {
  if (policy.titleOnly) return 0;
  const byShare = computeAllowance(policy.maxShare, articleWords);
  if (policy.maxWords === undefined) return byShare;
  return policy.maxWords >= 0 ? Math.min(byShare, Math.floor(policy.maxWords)) : 0;
}

/** The character cap of a policy: Infinity when it has none, 0 for a broken value. */
function readMaxChars(policy: EffectivePolicy): number {
  if (policy.maxChars === undefined) return Infinity;
  return policy.maxChars >= 0 ? Math.floor(policy.maxChars) : 0;
}

/**
 * Code points of `text` as the string iterator yields them, without building them: a surrogate pair is one,
 * a lone surrogate is one.
 */
function countCodePoints(text: string): number {
  let count = text.length;
  for (let index = 0; index < text.length - 1; index++) {
    const code = text.charCodeAt(index);
    if (code >= 0xd800 && code <= 0xdbff) {
      const next = text.charCodeAt(index + 1);
      if (next >= 0xdc00 && next <= 0xdfff) {
        count -= 1;
        index += 1;
      }
    }
  }
  return count;
}

/**
 * How many characters `max-snippet` sees in an excerpt: Unicode code points of its paragraphs (the
 * ellipsis included), one per paragraph break.
 *
 * @example
 * countExcerptChars(['Один.', 'Two…']); // 10
 */
export function countExcerptChars(paragraphs: readonly string[]): number {
  let count = Math.max(0, paragraphs.length - 1);
  for (const paragraph of paragraphs) count += countCodePoints(paragraph);
  return count;
}

function emptyExcerpt(articleWords: number): LicensedExcerpt {
  return { paragraphs: [], words: 0, articleWords, share: 0 };
}

/**
 * Cut an article body down to what its effective policy lets an item reproduce.
 *
 * @param body The article body, paragraphs separated by "\n\n" (`ExtractedArticle.text`), or a stored
 *   excerpt of it being re-cut (then pass `articleWords`). A paragraph repeating one before it is not counted
 *   or cut from (`withoutRepeatedParagraphs`).
 * @param policy The article's effective terms (`resolvePolicy(feed.license, signals)`).
 * @param locale BCP 47 tag of the article's language, for segmentation.
 * @param articleWords Words of the whole article when `body` is only its beginning (the allowance is
 *   computed from it, whatever `body` holds); default: `body`'s own, repeats left out.
 * @example
 * const policy = resolvePolicy({ maxShare: 0.3, maxWords: 120, attribution: 'Example News' }, signals);
 * const excerpt = buildExcerpt(article.text, policy, 'kk');
 * excerpt.words <= computeWordAllowance(policy, excerpt.articleWords); // always true
 */
export function buildExcerpt(
  body: string,
  policy: EffectivePolicy,
  locale?: string,
  articleWords?: number,
): LicensedExcerpt {
  const text = withoutRepeatedParagraphs(body);
  const words = findWordBounds(text, locale);
  // A stored excerpt is never longer than its article: the recorded count is authoritative (and stricter).
  const total = articleWords ?? words.length / 2;
  const allowance = computeWordAllowance(policy, total);
  const maxChars = readMaxChars(policy);
  if (allowance <= 0 || maxChars <= 0) return emptyExcerpt(total);
  // Where the first word past the allowance starts: no cut reaches beyond a sentence end after it.
  const until = words[2 * allowance] ?? Infinity;
  const paragraphs = findParagraphs(text, until);
  const allEnds = findBodySentenceEnds(text, paragraphs, until, locale);
  const sentenceEnds = dropHeadingEnds(text, paragraphs, allEnds);
  // Offsets past the last sentence end found are never cut at (words do not cross paragraphs); without a
  // character cap nothing is measured (an offset left out reads as Infinity, which Infinity does not exceed).
  const reach = maxChars === Infinity ? 0 : (allEnds.at(-1) ?? 0);
  const charsAt = measureCharsAt(text, paragraphs, reach);
  let budget = allowance;
  while (budget > 0) {
    const cut = chooseCut(words, sentenceEnds, { budget, maxChars, charsAt });
    if (cut === undefined) break;
    const excerpt = sliceParagraphs(text, paragraphs, cut);
    const count = countWords(joinParagraphs(excerpt), locale);
    // Without a character cap no count can be over it: the excerpt's characters are not counted.
    const withinChars = maxChars === Infinity || countExcerptChars(excerpt) <= maxChars;
    if (count > 0 && count <= allowance && withinChars) {
      return { paragraphs: excerpt, words: count, articleWords: total, share: count / total };
    }
    // Over by the recount: retry with a budget that excludes this cut.
    budget = Math.min(budget, countWordsBefore(words, cut.end)) - 1;
  }
  return emptyExcerpt(total);
}
