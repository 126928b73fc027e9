/**
 * @module core/license/build-excerpt
 * THE licence boundary: `buildExcerpt` is the only function that decides how much of an article may
 * leave the system. Everything downstream (store, renderers) holds its `LicensedExcerpt`, never the body.
 *
 * The rule, from the issue: count the article body's words (see `count-words.ts`); an item may carry at
 * most floor(maxShare × articleWords) of them. The excerpt starts at the beginning of the article, ends
 * at a sentence boundary (UAX #29 sentence segmentation) and fills as much of that allowance as sentence
 * boundaries permit. When nothing fits yet because the first sentence alone is too long, it is cut at a
 * word boundary and ends with "…". Paragraphs ("\n\n"-separated) are kept.
 *
 * Belt and braces: after cutting, the excerpt text is counted again on its own, and cut shorter if that
 * count is over the allowance. Dictionary-based CJK segmentation can split a truncated run of Han
 * characters differently from the whole run, so "words up to this offset" and "words in this prefix"
 * may differ by one; the recount makes the reported `words` exactly what a reader of the output counts.
 */
import { sha256Hex } from '../hash.ts';
import type { LicensedExcerpt, LicensePolicy } from '../types.ts';
import { findSentenceEnds, segmentWords, type WordSpan } from './count-words.ts';

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

/** Every sentence end in the body, as absolute offsets, in order. */
function findBodySentenceEnds(text: string, paragraphs: readonly Range[], locale?: string): number[] {
  return paragraphs.flatMap((p) =>
    findSentenceEnds(text.slice(p.start, p.end), locale).map((end) => p.start + end),
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
 * Where to stop for a budget of `budget` words: the last sentence end within budget, or, when no word
 * fits at a sentence end, right after the budget-th word with an ellipsis.
 */
function chooseCut(words: readonly WordSpan[], sentenceEnds: readonly number[], budget: number): Cut | undefined {
  if (budget <= 0) return undefined;
  let best: number | undefined;
  for (const end of sentenceEnds) {
    if (countWordsBefore(words, end) > budget) break;
    best = end;
  }
  if (best !== undefined && countWordsBefore(words, best) > 0) return { end: best, ellipsis: false };
  const lastWord = words[Math.min(budget, words.length) - 1];
  return lastWord === undefined ? undefined : { end: lastWord.end, ellipsis: true };
}

/** The excerpt's paragraphs for a cut: every paragraph up to the cut, whitespace runs folded. */
function sliceParagraphs(text: string, paragraphs: readonly Range[], cut: Cut): string[] {
  const out: string[] = [];
  for (const p of paragraphs) {
    if (p.start >= cut.end) break;
    const slice = text.slice(p.start, Math.min(p.end, cut.end)).replace(/[ \t\n\r\f\v]+/g, ' ').trim();
    if (slice !== '') out.push(slice);
  }
  if (cut.ellipsis && out.length > 0) out[out.length - 1] += ELLIPSIS;
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

function emptyExcerpt(articleWords: number): LicensedExcerpt {
  return { paragraphs: [], words: 0, articleWords, share: 0 };
}

/**
 * Cut an article body down to what its licence lets an item reproduce.
 *
 * @param text The article body, paragraphs separated by "\n\n" (`ExtractedArticle.text`).
 * @param policy The publisher's terms; only `maxShare` matters here.
 * @param locale BCP 47 tag of the article's language, for segmentation.
 * @example
 * const excerpt = buildExcerpt(article.text, { maxShare: 0.3, attribution: 'Example News' }, 'kk');
 * excerpt.words <= Math.floor(0.3 * excerpt.articleWords); // always true
 */
export function buildExcerpt(text: string, policy: LicensePolicy, locale?: string): LicensedExcerpt {
  const words = segmentWords(text, locale);
  const allowance = computeAllowance(policy.maxShare, words.length);
  const paragraphs = findParagraphs(text);
  const sentenceEnds = findBodySentenceEnds(text, paragraphs, locale);
  let budget = allowance;
  while (budget > 0) {
    const cut = chooseCut(words, sentenceEnds, budget);
    if (cut === undefined) break;
    const excerpt = sliceParagraphs(text, paragraphs, cut);
    const count = segmentWords(excerpt.join('\n\n'), locale).length;
    if (count > 0 && count <= allowance) {
      return { paragraphs: excerpt, words: count, articleWords: words.length, share: count / words.length };
    }
    // Over by the recount: retry with a budget that excludes this cut.
    budget = Math.min(budget, countWordsBefore(words, cut.end)) - 1;
  }
  return emptyExcerpt(words.length);
}

/**
 * SHA-256 of a text's UTF-8 bytes, lower-case hex, for the stored body/excerpt hashes (the body itself
 * is never kept). One implementation in the core: this is `sha256Hex` (Web Crypto, Node 24 and Workers).
 *
 * @example
 * await hashText(''); // 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855'
 */
export function hashText(text: string): Promise<string> {
  return sha256Hex(text);
}
