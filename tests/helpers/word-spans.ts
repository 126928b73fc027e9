/**
 * @module tests/helpers/word-spans
 * The licence's words (`findWordBounds`) as objects with their text, for tests that compare or print them.
 */
import { findWordBounds } from '../../src/core/license/count-words.ts';

/** One word of a text: its characters and where they are (UTF-16 offsets, `end` exclusive). */
export interface WordSpan {
  readonly word: string;
  readonly start: number;
  readonly end: number;
}

/**
 * The words of `text`, in order, with their offsets.
 * @example segmentWords('Алма-Ата — ең үлкен қала.').map((w) => w.word); // ['Алма-Ата', 'ең', 'үлкен', 'қала']
 */
export function segmentWords(text: string, locale?: string): WordSpan[] {
  const bounds = findWordBounds(text, locale);
  const words: WordSpan[] = [];
  for (let index = 0; index < bounds.length; index += 2) {
    const start = bounds[index] ?? 0;
    const end = bounds[index + 1] ?? 0;
    words.push({ word: text.slice(start, end), start, end });
  }
  return words;
}
