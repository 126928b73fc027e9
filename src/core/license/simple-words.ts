/**
 * @module core/license/simple-words
 * A fast path for `findWordBounds` (count-words.ts) that gives exactly what `Intl.Segmenter` gives, for the
 * text where UAX #29 word boundaries need no dictionary and no rule beyond a handful: letters of Latin,
 * Cyrillic (Kazakh included), Greek, Armenian, Georgian and Arabic, ASCII digits, spaces, and punctuation
 * whose Word_Break class is known here. `Intl.Segmenter` costs about 0.5 µs a word, most of a refresh's
 * licensing time; this scan costs a small part of that.
 *
 * Only these rules of UAX #29 (https://www.unicode.org/reports/tr29/#Word_Boundary_Rules) ever join here:
 * WB5/8/9/10 (letters and digits in any order), WB6/7 (letter, MidLetter or MidNumLet or ', letter) and
 * WB11/12 (digit, MidNum or MidNumLet or ', digit). Every other character breaks on both sides and is
 * not word-like. Whatever the scan does not classify — CJK, Thai and the other dictionary scripts, Hebrew,
 * combining marks, ZWJ and other format characters, ExtendNumLet (_ and U+202F), digits of other scripts,
 * astral characters but emoji — makes it give up on the range it scans (`undefined`); count-words.ts scans a
 * line at a time and segments such a line with `Intl.Segmenter`.
 *
 * Licence first: the classes are checked against the runtime's own segmenter for every character they
 * hold (tests/core/license/simple-words.test.ts), fast-check compares whole random texts, and
 * count-words.ts calibrates each locale on a probe before trusting this scan (a tailoring such as
 * en-US-u-va-posix breaks "a.b" and "a:b" apart, so that locale never takes the fast path).
 */

/** Word_Break classes the scan knows. UNKNOWN is any other character: give up. */
const UNKNOWN = 0;
const LETTER = 1;
const DIGIT = 2;
const MID_LETTER = 3;
const MID_NUM = 4;
const MID_NUM_LET = 5;
const OTHER = 6;

/** The classified part of the BMP; above it only emoji (astral) are known. */
const TABLE_END = 0x3000;
const MID_LETTERS = ':\u00B7\u0387\u2027';
const MID_NUMS = ',;\u037E\u0589\u060C\u060D\u066C\u2044';
const MID_NUM_LETS = ".'\u2018\u2019\u2024";
const IS_LETTER =
  /^(?![\p{M}\p{Cf}])(?=\p{Alphabetic})[\p{sc=Latin}\p{sc=Cyrillic}\p{sc=Greek}\p{sc=Armenian}\p{sc=Georgian}\p{sc=Arabic}]$/u;
/**
 * Punctuation, symbols, numbers that are not digits (² ½), spaces and controls of the blocks news text uses
 * (Basic Latin, Latin-1, General Punctuation, currency, letterlike symbols and number forms — № ™ ℃ ⅓ —,
 * arrows, mathematical operators, box drawing to dingbats), and the sentence and list punctuation of the
 * scripts above; minus letters (ℂ, Roman numerals), connectors and U+202F (both ExtendNumLet) and the cedilla
 * U+00B8 (ALetter, like a letter). Other blocks' symbols hold letters in Word_Break's sense (modifier letters,
 * circled letters) or need a dictionary.
 */
const IS_OTHER =
  /^(?![\p{Alphabetic}\p{Pc}\u00B8\u202F])(?=[\0-\u00FF\u2000-\u206F\u20A0-\u20BF\u2100-\u22FF\u2500-\u27BF\u037E\u0387\u0589\u061B\u061F\u066A\u06D4])[\p{P}\p{S}\p{No}\p{Z}\p{Cc}]$/u;

let table: Uint8Array | undefined;

function classify(char: string): number {
  if (MID_LETTERS.includes(char)) return MID_LETTER;
  if (MID_NUMS.includes(char)) return MID_NUM;
  if (MID_NUM_LETS.includes(char)) return MID_NUM_LET;
  if (char >= '0' && char <= '9') return DIGIT;
  if (IS_LETTER.test(char)) return LETTER;
  return IS_OTHER.test(char) ? OTHER : UNKNOWN;
}

/** The class of every code unit below TABLE_END, built once (≈ 12,000 regex tests, a few milliseconds). */
function getTable(): Uint8Array {
  if (table === undefined) {
    table = new Uint8Array(TABLE_END);
    for (let code = 0; code < TABLE_END; code++) table[code] = classify(String.fromCharCode(code));
  }
  return table;
}

/**
 * The class of the code point at `index` and its length in code units. Astral emoji (Extended_Pictographic)
 * are OTHER; their skin-tone modifiers are Extend (they would join a letter before them): UNKNOWN.
 */
function classAt(text: string, index: number, classes: Uint8Array): number {
  const code = text.charCodeAt(index);
  if (code < TABLE_END) return classes[code] ?? UNKNOWN;
  const point = text.codePointAt(index) ?? 0;
  const isEmoji = point >= 0x1f300 && point <= 0x1faff && !(point >= 0x1f3fb && point <= 0x1f3ff);
  return isEmoji ? OTHER : UNKNOWN;
}

/** Whether `mid` between a `before` and an `after` of these classes keeps them in one word (WB6/7, WB11/12). */
function isJoinedAcross(before: number, mid: number, after: number): boolean {
  if (mid === MID_NUM_LET) return before === after && (before === LETTER || before === DIGIT);
  if (mid === MID_LETTER) return before === LETTER && after === LETTER;
  return mid === MID_NUM && before === DIGIT && after === DIGIT;
}

/**
 * The end of the word that starts at `start` (a letter or digit), at most `end`, or -1 if the scan met an unknown
 * character. Letters and digits are all one code unit here.
 */
function findWordEnd(text: string, start: number, end: number, classes: Uint8Array): number {
  let last = classAt(text, start, classes);
  let index = start + 1;
  while (index < end) {
    const kind = classAt(text, index, classes);
    if (kind === LETTER || kind === DIGIT) {
      last = kind;
      index += 1;
      continue;
    }
    if (kind === UNKNOWN) return -1;
    if (kind === OTHER || index + 1 >= end) return index;
    const after = classAt(text, index + 1, classes);
    if (after === UNKNOWN) return -1;
    if (!isJoinedAcross(last, kind, after)) return index;
    last = after;
    index += 2;
  }
  return index;
}

/**
 * The word-like segments of `text` from `start` to `end` as `Intl.Segmenter` would give them for that range on its
 * own, appended to `out` (start, end, start, end…); false, with `out` as it was, when the range holds anything this
 * scan does not handle. The range must not end inside a surrogate pair.
 */
export function appendSimpleWords(text: string, start: number, end: number, out: number[]): boolean {
  const classes = getTable();
  const length = out.length;
  let index = start;
  while (index < end) {
    const kind = classAt(text, index, classes);
    if (kind === UNKNOWN) break;
    if (kind === LETTER || kind === DIGIT) {
      const wordEnd = findWordEnd(text, index, end, classes);
      if (wordEnd < 0) break;
      out.push(index, wordEnd);
      index = wordEnd;
    } else {
      index += text.charCodeAt(index) >= 0xd800 && text.charCodeAt(index) <= 0xdbff ? 2 : 1;
    }
  }
  if (index >= end) return true;
  out.length = length;
  return false;
}

/**
 * The word-like segments of `text` as `Intl.Segmenter` would give them, flat: start, end (exclusive),
 * start, end…, in order; `undefined` when the text holds anything this scan does not handle.
 *
 * @example
 * scanSimpleWords("Don't stop, 3.14 — Алма"); // [0, 5, 6, 10, 12, 16, 19, 23]
 */
export function scanSimpleWords(text: string): number[] | undefined {
  const bounds: number[] = [];
  return appendSimpleWords(text, 0, text.length, bounds) ? bounds : undefined;
}
