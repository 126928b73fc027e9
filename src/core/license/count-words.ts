/**
 * @module core/license/count-words
 * How the licence counts words. Every number the licence stage reports (article words, excerpt words,
 * reproduced words) comes from `findWordBounds`, so all of them agree on what "a word" is.
 *
 * Words are the word-like segments of Unicode text segmentation (UAX #29, via `Intl.Segmenter` with
 * granularity `word`), so Cyrillic and Kazakh letters (ә ғ қ ң ө ұ ү һ і) count like Latin ones, CJK
 * runs are split by the runtime's dictionary, and emoji, punctuation and spaces are not words.
 * Numbers ("42", "3.14", "1,000") are words; contractions ("don't") are one word, as UAX #29 says.
 *
 * Hyphenated compounds ("well-known", "Алма-Ата", "COVID-19") count as ONE word: that is how a reader
 * of a licence, a word processor, or a newspaper's own word count treats them, whereas UAX #29 alone
 * would split them at the hyphen. Only a single hyphen (U+002D, U+2010 or U+2011) directly between two
 * word-like segments joins them; dashes ("1990–2000", "word -- word") and spaced hyphens do not.
 */
import { appendSimpleWords, scanSimpleWords } from './simple-words.ts';

const segmenters = new Map<string, Intl.Segmenter>();

/**
 * A cached segmenter for a locale. Building one is costly, and a bad tag from a page's `lang`
 * attribute (e.g. "en_US") must not throw: it falls back to the runtime default.
 */
function getSegmenter(granularity: 'word' | 'sentence', locale?: string): Intl.Segmenter {
  const key = `${granularity}:${locale ?? ''}`;
  let segmenter = segmenters.get(key);
  if (segmenter === undefined) {
    try {
      segmenter = new Intl.Segmenter(locale, { granularity });
    } catch {
      segmenter = new Intl.Segmenter(undefined, { granularity });
    }
    segmenters.set(key, segmenter);
  }
  return segmenter;
}

/** Whether the code unit is a hyphen that joins a compound: U+002D, U+2010 or U+2011. */
function isHyphen(code: number): boolean {
  return code === 0x2d || code === 0x2010 || code === 0x2011;
}

/**
 * The word-like segments joined across single hyphens (hyphenated compounds), in place: the joined bounds
 * overwrite the segments they come from (a word never takes more room than its segments), so a long body costs
 * one array, not two.
 */
function joinCompounds(text: string, segments: number[]): number[] {
  let length = 0;
  for (let index = 0; index < segments.length; index += 2) {
    const start = segments[index] ?? 0;
    const end = segments[index + 1] ?? 0;
    const lastEnd = length > 0 ? (segments[length - 1] ?? -2) : -2;
    if (start === lastEnd + 1 && isHyphen(text.charCodeAt(lastEnd))) {
      segments[length - 1] = end;
    } else {
      segments[length] = start;
      segments[length + 1] = end;
      length += 2;
    }
  }
  segments.length = length;
  return segments;
}

/** The word-like segments of text[start, end) by `Intl.Segmenter`, appended to `out` as absolute offsets. */
function appendIntlSegments(text: string, start: number, end: number, out: number[], locale?: string): number[] {
  for (const segment of getSegmenter('word', locale).segment(text.slice(start, end))) {
    if (segment.isWordLike === true) out.push(start + segment.index, start + segment.index + segment.segment.length);
  }
  return out;
}

/**
 * Text that exercises every rule and class the fast scan relies on. A locale whose segmenter splits it
 * differently (a tailoring, or a runtime's other ICU data) never takes the fast path.
 */
const PROBE =
  "Don't a.b.c e.g. a:b U.S. 3.14 1,000,000 1;2 a,b a;b 1'2 a'1 1.a x1y 10:30 ça l’été «Ой» Алма-Ата, " +
  'қазақ тілі; ελληνικά· Ελλάς; Հայաստան։ ქართული مرحبا، بالعالم؟ ٪ 🎉 well-known -- 52-48 a—b… №5 ½x ²™\n\n\tend.';
const isFastLocale = new Map<string, boolean>();

function hasFastPath(locale?: string): boolean {
  const key = locale ?? '';
  let fast = isFastLocale.get(key);
  if (fast === undefined) {
    const expected = [...getSegmenter('word', locale).segment(PROBE)]
      .filter((segment) => segment.isWordLike === true)
      .flatMap((segment) => [segment.index, segment.index + segment.segment.length]);
    fast = scanSimpleWords(PROBE)?.join() === expected.join();
    isFastLocale.set(key, fast);
  }
  return fast;
}

/**
 * The word-like segments of `text`, a line at a time: each line the fast scan handles is scanned, any other is
 * segmented by `Intl.Segmenter` — so one "№", "_" or Chinese name costs the segmenter's price for its own
 * paragraph, not the article's. Exact, not an approximation: UAX #29 always breaks after a line feed (WB3a) and
 * no rule reads across one (the rules that look back — WB4, WB7, WB12, WB15/16 — stop at a character outside
 * their classes, and a line feed is in none of them), so the text after it segments as if it began there, and
 * the dictionary engines of CJK, Thai and the like work on runs that a line feed ends.
 */
function findSegmentsByLine(text: string, locale?: string): number[] {
  const segments: number[] = [];
  for (let start = 0; start < text.length;) {
    const newline = text.indexOf('\n', start);
    const end = newline < 0 ? text.length : newline + 1;
    if (!appendSimpleWords(text, start, end, segments)) appendIntlSegments(text, start, end, segments, locale);
    start = end;
  }
  return segments;
}

/**
 * The words of `text` as flat offsets: start, end (exclusive), start, end…, in order (flat, so a long
 * body costs no object per word). Lines of the scripts `simple-words.ts` knows are scanned directly (the same
 * segments, much faster); other lines, and all of a text in a locale the scan has not been calibrated for, go
 * through `Intl.Segmenter`.
 *
 * @example
 * findWordBounds('Алма-Ата — ең'); // [0, 8, 11, 13]
 */
export function findWordBounds(text: string, locale?: string): number[] {
  const segments = hasFastPath(locale)
    ? findSegmentsByLine(text, locale)
    : appendIntlSegments(text, 0, text.length, [], locale);
  return joinCompounds(text, segments);
}

/**
 * How many words the licence sees in `text`.
 *
 * @example
 * countWords('The well-known café opened in 1998 🎉'); // 6
 */
export function countWords(text: string, locale?: string): number {
  return findWordBounds(text, locale).length / 2;
}

/**
 * Sentence end offsets (exclusive, trailing spaces excluded) of `text`, per UAX #29 sentence boundaries.
 * Used by the excerpt builder, which may only stop at one of these. With `until`, the ends stop at the
 * first one past it: the segmenter is lazy, so the rest of the text is never segmented.
 *
 * @example
 * findSentenceEnds('One. Two!  three. four'); // [4, 9, 22] (UAX #29: no break after "." before a lower-case word)
 * findSentenceEnds('One. Two!  three. four', 'en', 4); // [4, 9]
 */
export function findSentenceEnds(text: string, locale?: string, until = Infinity): number[] {
  const ends: number[] = [];
  for (const segment of getSegmenter('sentence', locale).segment(text)) {
    const end = segment.index + segment.segment.trimEnd().length;
    if (end > segment.index) ends.push(end);
    if (end > until) break;
  }
  return ends;
}
