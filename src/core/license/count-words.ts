/**
 * @module core/license/count-words
 * How the licence counts words. Every number the licence stage reports (article words, excerpt words,
 * reproduced words) comes from `segmentWords`, so all of them agree on what "a word" is.
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

/** One word of a text: its characters and where they are (UTF-16 offsets, `end` exclusive). */
export interface WordSpan {
  readonly word: string;
  readonly start: number;
  readonly end: number;
}

const HYPHENS = new Set(['-', '\u2010', '\u2011']);
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

/** Whether the last collected word and `next` are the two halves of a hyphenated compound. */
function isJoinedByHyphen(text: string, last: WordSpan, next: Intl.SegmentData): boolean {
  return next.index === last.end + 1 && HYPHENS.has(text.charAt(last.end));
}

/**
 * The words of `text`, in order, with their offsets.
 *
 * @example
 * segmentWords('Алма-Ата — ең үлкен қала.').map((w) => w.word); // ['Алма-Ата', 'ең', 'үлкен', 'қала']
 */
export function segmentWords(text: string, locale?: string): WordSpan[] {
  const words: WordSpan[] = [];
  for (const segment of getSegmenter('word', locale).segment(text)) {
    if (segment.isWordLike !== true) continue;
    const end = segment.index + segment.segment.length;
    const last = words.at(-1);
    if (last !== undefined && isJoinedByHyphen(text, last, segment)) {
      words[words.length - 1] = { word: text.slice(last.start, end), start: last.start, end };
    } else {
      words.push({ word: segment.segment, start: segment.index, end });
    }
  }
  return words;
}

/**
 * How many words the licence sees in `text`.
 *
 * @example
 * countWords('The well-known café opened in 1998 🎉'); // 5
 */
export function countWords(text: string, locale?: string): number {
  return segmentWords(text, locale).length;
}

/**
 * Sentence end offsets (exclusive, trailing spaces excluded) of `text`, per UAX #29 sentence boundaries.
 * Used by the excerpt builder, which may only stop at one of these.
 *
 * @example
 * findSentenceEnds('One. Two!  three. four'); // [4, 9, 22] (UAX #29: no break after "." before a lower-case word)
 */
export function findSentenceEnds(text: string, locale?: string): number[] {
  const ends: number[] = [];
  for (const segment of getSegmenter('sentence', locale).segment(text)) {
    const end = segment.index + segment.segment.trimEnd().length;
    if (end > segment.index) ends.push(end);
  }
  return ends;
}
