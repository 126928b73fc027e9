/**
 * @module tests/helpers/measure-share
 * How much of an article an item actually reproduces — the independent check on `buildExcerpt` that the
 * licence tests apply to rendered output (the service itself never needs it: `buildExcerpt` cuts a prefix
 * and counts what it keeps).
 *
 * The rule: what counts is the part of the article's text that appears anywhere in the item
 * (title excepted). Repeating one excerpt in summary and content is still that one excerpt; a summary
 * and a content holding different passages add up. So we count article word POSITIONS, not item words:
 *
 * 1. Both texts become word sequences (`segmentWords`), compared case-insensitively after NFKC.
 * 2. Each item text is walked left to right; at each word we find the longest run of following item
 *    words that also occurs in the article (a word index narrows the candidates), taking the earliest
 *    article occurrence on ties, mark those article positions, and jump past the run.
 * 3. The answer is the number of marked article positions: the same passage marks the same positions
 *    however often it is repeated, and different passages mark different ones.
 *
 * Limits: greedy longest-match is not an optimal alignment — when a passage occurs twice in the article,
 * an item quoting both occurrences counts once (the texts are identical, so that is arguably right).
 * Runs shorter than `minRun` words are ignored (default 1, i.e. every shared word counts, which
 * overcounts coincidences such as "the" — the safe direction for a guard). Texts whose words segment
 * differently from the article (a truncated CJK run) match less; `buildExcerpt` recounts for that reason.
 * Cost is roughly item words × occurrences of each word, fine for articles of a few thousand words.
 */
import { segmentWords } from './word-spans.ts';

/** Options for `measureReproducedWords`. */
interface MeasureOptions {
  /** Shortest run of consecutive article words that counts as reproduction (default 1). */
  readonly minRun?: number;
}

interface Match {
  readonly start: number;
  readonly length: number;
}

/** Word keys compared across texts: NFKC, lower case, so "Café" and "café" are the same word. */
function toWordKeys(text: string, locale?: string): string[] {
  return segmentWords(text, locale).map((span) => span.word.normalize('NFKC').toLowerCase());
}

function indexPositions(words: readonly string[]): Map<string, number[]> {
  const index = new Map<string, number[]>();
  words.forEach((word, position) => {
    const positions = index.get(word);
    if (positions === undefined) index.set(word, [position]);
    else positions.push(position);
  });
  return index;
}

/** Longest run of `item` from `from` that occurs in `article`; earliest article start on ties. */
function findLongestMatch(
  article: readonly string[],
  index: Map<string, number[]>,
  item: readonly string[],
  from: number,
): Match {
  let best: Match = { start: 0, length: 0 };
  for (const start of index.get(item[from] ?? '') ?? []) {
    let length = 1;
    while (from + length < item.length && article[start + length] === item[from + length]) length += 1;
    if (length > best.length) best = { start, length };
  }
  return best;
}

/** Mark the article positions one item text reproduces. */
function markReproduced(
  article: readonly string[],
  index: Map<string, number[]>,
  item: readonly string[],
  covered: Uint8Array,
  minRun: number,
): void {
  let from = 0;
  while (from < item.length) {
    const match = findLongestMatch(article, index, item, from);
    if (match.length >= minRun && match.length > 0) {
      covered.fill(1, match.start, match.start + match.length);
      from += match.length;
    } else {
      from += 1;
    }
  }
}

/**
 * How many of the article's words the item texts reproduce, together (see the module comment).
 * Pass every text of an item a subscriber can read except the title and the backlink line.
 *
 * @example
 * measureReproducedWords('One two three. Four five six.', ['One two three.', 'One two three.']); // 3
 */
export function measureReproducedWords(
  articleText: string,
  itemTexts: readonly string[],
  locale?: string,
  options: MeasureOptions = {},
): number {
  const article = toWordKeys(articleText, locale);
  const index = indexPositions(article);
  const covered = new Uint8Array(article.length);
  for (const text of itemTexts) {
    markReproduced(article, index, toWordKeys(text, locale), covered, options.minRun ?? 1);
  }
  return covered.reduce((sum, flag) => sum + flag, 0);
}
