/**
 * @module tests/helpers/render-json-before
 * JSON Feed's stringify as src/core/render/xml.ts had it before session 21 (89b3bb6), verbatim: the
 * `JSON.stringify` replacer that strips characters XML forbids, and the same output written without the replacer
 * when the plain output shows nothing to strip. Session 21 writes JSON Feed with src/core/render/json-text.ts
 * instead; tests/core/render/escape-equivalence.test.ts holds `writeJson` to these. Delete this file, and the
 * properties using it, when JSON Feed's output changes on purpose (a `RENDER_VERSION` bump).
 */
import { stripControlChars } from '../../src/core/xml-chars.ts';

/**
 * A `JSON.stringify` replacer that strips characters XML forbids from every string value as it is written (keys
 * are left alone): JSON.stringify hands it the root, every member and every array element, so no stripped copy
 * of the document is built first.
 *
 * @example
 * JSON.stringify({ title: 'a\u0000b', tags: ['c\uD800'] }, stripJsonStrings); // '{"title":"ab","tags":["c"]}'
 */
export function stripJsonStrings(_key: string, value: unknown): unknown {
  return typeof value === 'string' ? stripControlChars(value) : value;
}

/**
 * Whether JSON text may hold a string with a character XML forbids: `JSON.stringify` writes a C0 control as `\b`,
 * `\f` or `\u00XX`, a lone surrogate as `\uDXXX` (ECMA-262 QuoteJSONString), U+FFFE and U+FFFF as themselves.
 * An escaped backslash before a `b`, `f` or `u` (`\\u`) counts too, which only sends that document the slow
 * way. Searched with indexOf: five searches of a feed take a quarter of one regular-expression scan.
 */
function mayHoldForbiddenJson(json: string): boolean {
  return FORBIDDEN_JSON_MARKS.some((mark) => json.includes(mark));
}

const FORBIDDEN_JSON_MARKS = ['\\u', '\\b', '\\f', '\uFFFE', '\uFFFF'];

/**
 * `JSON.stringify(value, stripJsonStrings, indent)`, the same string, written without the replacer when no
 * string value holds a character XML forbids: a replacer takes JSON.stringify off its fast path (a call per
 * member, most of a JSON Feed's time), and the plain output shows whether any string needed it — every such
 * character leaves a mark `mayHoldForbiddenJson` finds, and without one the replacer would have changed nothing.
 *
 * @example
 * stringifyStripped({ title: 'a\u0000b' }, 2); // '{\n  "title": "ab"\n}'
 */
export function stringifyStripped(value: unknown, indent: number): string {
  // Undefined (not a string) for undefined, a function or a symbol: the replacer's way then answers the same.
  const plain = JSON.stringify(value, null, indent) as string | undefined;
  return plain === undefined || mayHoldForbiddenJson(plain) ? JSON.stringify(value, stripJsonStrings, indent) : plain;
}
