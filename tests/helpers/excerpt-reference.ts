/**
 * @module tests/helpers/excerpt-reference
 * The licence boundary as it was before the fast word scan (src/core/license/simple-words.ts), kept
 * verbatim as the reference the current `buildExcerpt` must equal: words from `Intl.Segmenter` (joined
 * across single hyphens), every sentence end of the body (since session 24, but after a subheading), the
 * character count at every offset.
 */
import { computeWordAllowance, countExcerptChars } from '../../src/core/license/build-excerpt.ts';
import type { EffectivePolicy, LicensedExcerpt } from '../../src/core/types.ts';

interface WordSpan {
  readonly word: string;
  readonly start: number;
  readonly end: number;
}

const HYPHENS = new Set(['-', '\u2010', '\u2011']);

function getSegmenter(granularity: 'word' | 'sentence', locale?: string): Intl.Segmenter {
  try {
    return new Intl.Segmenter(locale, { granularity });
  } catch {
    return new Intl.Segmenter(undefined, { granularity });
  }
}

/** The definition of a word: Intl.Segmenter's word-like segments, joined across a single hyphen. */
export function segmentWordsReference(text: string, locale?: string): WordSpan[] {
  const words: WordSpan[] = [];
  for (const { segment, index, isWordLike } of getSegmenter('word', locale).segment(text)) {
    if (isWordLike !== true) continue;
    const end = index + segment.length;
    const last = words.at(-1);
    if (last !== undefined && index === last.end + 1 && HYPHENS.has(text.charAt(last.end))) {
      words[words.length - 1] = { word: text.slice(last.start, end), start: last.start, end };
    } else {
      words.push({ word: segment, start: index, end });
    }
  }
  return words;
}

function findSentenceEnds(text: string, locale?: string): number[] {
  const ends: number[] = [];
  for (const segment of getSegmenter('sentence', locale).segment(text)) {
    const end = segment.index + segment.segment.trimEnd().length;
    if (end > segment.index) ends.push(end);
  }
  return ends;
}

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

/** Paragraph ranges: separated by a blank line (possibly holding spaces), trimmed, empty ones dropped. */
function findParagraphs(text: string): Range[] {
  const ranges: Range[] = [];
  const separator = /\n\s*\n/g;
  let start = 0;
  for (const match of text.matchAll(separator)) {
    ranges.push({ start, end: match.index });
    start = match.index + match[0].length;
  }
  ranges.push({ start, end: text.length });
  return ranges.flatMap((range) => {
    const slice = text.slice(range.start, range.end);
    const lead = slice.length - slice.trimStart().length;
    const trimmed = slice.trim();
    return trimmed === '' ? [] : [{ start: range.start + lead, end: range.start + lead + trimmed.length }];
  });
}

/**
 * Every sentence end in the body, as absolute offsets, in order — but the end of a paragraph of at most 120
 * characters that closes on no punctuation, before the text's own end (a subheading: session 24's rule, added
 * to this reference as written there).
 */
function findBodySentenceEnds(text: string, paragraphs: readonly Range[], locale?: string): number[] {
  const isHeading = (p: Range) =>
    p.end - p.start <= 120 &&
    p.end < text.trimEnd().length &&
    !/[.!?…;:。！？؟।॥][\s"'»”’)\]）」』]*$/u.test(text.slice(p.start, p.end));
  return paragraphs.flatMap((p) =>
    findSentenceEnds(text.slice(p.start, p.end), locale)
      .map((end) => p.start + end)
      .filter((end) => end !== p.end || !isHeading(p)),
  );
}

/** Number of words that start before `offset` (words are sorted by start). */
function countWordsBefore(words: readonly WordSpan[], offset: number): number {
  let low = 0;
  let high = words.length;
  while (low < high) {
    const mid = (low + high) >>> 1;
    if ((words[mid]?.start ?? Infinity) < offset) low = mid + 1;
    else high = mid;
  }
  return low;
}

/**
 * For every offset of the body, how many characters an excerpt cut there would have (before any
 * ellipsis): code points of the paragraphs as `sliceParagraphs` folds them, one per paragraph break.
 * Only offsets at word ends are ever looked up; they never fall inside a whitespace run.
 */
function measureCharsAt(text: string, paragraphs: readonly Range[]): Int32Array {
  const charsAt = new Int32Array(text.length + 1);
  let count = 0;
  let offset = 0;
  paragraphs.forEach((p, index) => {
    for (; offset <= p.start; offset++) charsAt[offset] = count;
    if (index > 0) count += 1;
    for (; offset <= p.end; offset++) {
      const code = text.charCodeAt(offset - 1);
      const isFoldedAway = isFoldedSpace(code) && isFoldedSpace(text.charCodeAt(offset - 2));
      const isLowSurrogate = code >= 0xdc00 && code <= 0xdfff;
      if (!isFoldedAway && !isLowSurrogate) count += 1;
      charsAt[offset] = count;
    }
  });
  for (; offset <= text.length; offset++) charsAt[offset] = count;
  return charsAt;
}

/**
 * Where to stop within `limits`: the last sentence end that fits, or, when no word fits at a sentence
 * end, right after the last word that fits with an ellipsis.
 */
function chooseCut(words: readonly WordSpan[], sentenceEnds: readonly number[], limits: Limits): Cut | undefined {
  const { budget, maxChars, charsAt } = limits;
  if (budget <= 0) return undefined;
  let best: number | undefined;
  for (const end of sentenceEnds) {
    if (countWordsBefore(words, end) > budget || (charsAt[end] ?? Infinity) > maxChars) break;
    best = end;
  }
  if (best !== undefined && countWordsBefore(words, best) > 0) return { end: best, ellipsis: false };
  let count = Math.min(budget, words.length);
  // The ellipsis is one more character.
  while (count > 0 && (charsAt[words[count - 1]?.end ?? 0] ?? Infinity) + 1 > maxChars) count -= 1;
  const lastWord = words[count - 1];
  return lastWord === undefined ? undefined : { end: lastWord.end, ellipsis: true };
}

/** The excerpt's paragraphs for a cut: every paragraph up to the cut, whitespace runs folded. */
function sliceParagraphs(text: string, paragraphs: readonly Range[], cut: Cut): string[] {
  const out: string[] = [];
  for (const p of paragraphs) {
    if (p.start >= cut.end) break;
    const slice = text
      .slice(p.start, Math.min(p.end, cut.end))
      .replace(/[ \t\n\r\f\v]+/g, ' ')
      .trim();
    if (slice !== '') out.push(slice);
  }
  const last = out.at(-1);
  if (cut.ellipsis && last !== undefined) out[out.length - 1] = last + ELLIPSIS;
  return out;
}

/** The character cap of a policy: Infinity when it has none, 0 for a broken value. */
function readMaxChars(policy: EffectivePolicy): number {
  if (policy.maxChars === undefined) return Infinity;
  return policy.maxChars >= 0 ? Math.floor(policy.maxChars) : 0;
}

function emptyExcerpt(articleWords: number): LicensedExcerpt {
  return { paragraphs: [], words: 0, articleWords, share: 0 };
}

/**
 * `withoutRepeatedParagraphs` (src/core/license/unique-paragraphs.ts) written another way: a paragraph is left
 * out when it equals the last one kept, or a kept one when it is 80 characters or more.
 */
function withoutRepeatsReference(body: string): string {
  const all = body
    .split(/\n\s*\n/)
    .map((paragraph) => paragraph.trim())
    .filter((paragraph) => paragraph !== '');
  const kept = all.reduce<string[]>((list, paragraph) => {
    const repeats = list.at(-1) === paragraph || (paragraph.length >= 80 && list.includes(paragraph));
    return repeats ? list : [...list, paragraph];
  }, []);
  return kept.length === all.length ? body : kept.join('\n\n');
}

/**
 * Cut an article body down to what its effective policy lets an item reproduce.
 *
 * @param body The article body, paragraphs separated by "\n\n" (`ExtractedArticle.text`), or a stored
 *   excerpt of it being re-cut (then pass `articleWords`). A paragraph repeating one before it is not counted
 *   or cut from.
 * @param policy The article's effective terms (`resolvePolicy(feed.license, signals)`).
 * @param locale BCP 47 tag of the article's language, for segmentation.
 * @param articleWords Words of the whole article when `body` is only its beginning (the allowance is
 *   computed from it, whatever `body` holds); default: `body`'s own, repeats left out.
 * @example
 * const policy = resolvePolicy({ maxShare: 0.3, maxWords: 120, attribution: 'Example News' }, signals);
 * const excerpt = buildExcerpt(article.text, policy, 'kk');
 * excerpt.words <= computeWordAllowance(policy, excerpt.articleWords); // always true
 */
export function buildExcerptReference(
  body: string,
  policy: EffectivePolicy,
  locale?: string,
  articleWords?: number,
): LicensedExcerpt {
  const text = withoutRepeatsReference(body);
  const words = segmentWordsReference(text, locale);
  // A stored excerpt is never longer than its article: the recorded count is authoritative (and stricter).
  const total = articleWords ?? words.length;
  const allowance = computeWordAllowance(policy, total);
  const maxChars = readMaxChars(policy);
  if (allowance <= 0 || maxChars <= 0) return emptyExcerpt(total);
  const paragraphs = findParagraphs(text);
  const sentenceEnds = findBodySentenceEnds(text, paragraphs, locale);
  const charsAt = measureCharsAt(text, paragraphs);
  let budget = allowance;
  while (budget > 0) {
    const cut = chooseCut(words, sentenceEnds, { budget, maxChars, charsAt });
    if (cut === undefined) break;
    const excerpt = sliceParagraphs(text, paragraphs, cut);
    const count = segmentWordsReference(excerpt.join('\n\n'), locale).length;
    if (count > 0 && count <= allowance && countExcerptChars(excerpt) <= maxChars) {
      return { paragraphs: excerpt, words: count, articleWords: total, share: count / total };
    }
    // Over by the recount: retry with a budget that excludes this cut.
    budget = Math.min(budget, countWordsBefore(words, cut.end)) - 1;
  }
  return emptyExcerpt(total);
}

/**
 * `countExcerptChars` as it was before it counted code points in place: code points as the string
 * iterator yields them (a lone surrogate is one), one per paragraph break.
 */
export function countExcerptCharsReference(paragraphs: readonly string[]): number {
  return paragraphs.reduce(
    (count, paragraph) => count + Array.from(paragraph).length,
    Math.max(0, paragraphs.length - 1),
  );
}
