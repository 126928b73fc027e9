/**
 * @module core/render/json-text
 * JSON Feed's text, written as `JSON.stringify(value, stripJsonStrings, 2)` writes it (2-space indent, every string
 * value stripped of characters XML forbids; xml.ts) but with the long strings placed as they are. JSON.stringify
 * looks at every character of a string it quotes, several nanoseconds a character in the two-byte strings a feed
 * with one curly quote is made of (most of a JSON Feed's time), while a string holding nothing JSON escapes — an
 * excerpt's text almost always — is its JSON text between quotes after one regular-expression scan.
 */
import { MAY_HOLD_NOT_XML_CHAR_RANGES } from '../xml-chars.ts';
import type { HtmlParts } from './sanitize-html.ts';
import { stripControlChars } from './xml.ts';

/** What stripping removes (xml-chars.ts: C0 controls but tab, LF, CR; surrogates; U+FFFE, U+FFFF) and `\`. */
const ESCAPED_OR_STRIPPED_BUT_QUOTE = `${MAY_HOLD_NOT_XML_CHAR_RANGES}\\u0000-\\u001F\\\\`;

/**
 * Anything JSON.stringify escapes (`"`, `\`, C0 controls, lone surrogates: ECMA-262 QuoteJSONString) or stripping
 * removes. Over code units, so a paired surrogate matches too: such text only takes JSON.stringify's way.
 */
const NEEDS_ESCAPE = new RegExp(`["${ESCAPED_OR_STRIPPED_BUT_QUOTE}]`);
/** The same but for `"`, which markup holds in every attribute and which becomes `\"`. */
const NEEDS_ESCAPE_BUT_QUOTE = new RegExp(`[${ESCAPED_OR_STRIPPED_BUT_QUOTE}]`);

/** A value already written as JSON text, placed as it is (a member's or element's indentation is the writer's). */
export class JsonText {
  readonly text: string;
  constructor(text: string) {
    this.text = text;
  }
}

/** Whether `text`'s JSON string is the text between quotes, and stripping leaves it as it is. */
function isPlainJson(text: string): boolean {
  return !NEEDS_ESCAPE.test(text);
}

/**
 * `JSON.stringify(stripControlChars(text))`.
 * @example quoteJson('a "b"\u0000') // '"a \\"b\\""'
 */
export function quoteJson(text: string): string {
  return isPlainJson(text) ? `"${text}"` : JSON.stringify(stripControlChars(text));
}

/**
 * `quoteJson(joinHtml(parts))` made piece by piece, or undefined when a piece holds more than `"` to escape (then
 * the caller quotes the joined HTML). Pieces without any character escaping or stripping changes, nor any
 * surrogate, escape alone as they do together: each `"` becomes `\"` and nothing else changes.
 * @example quoteHtmlParts({ markup: ['<a href="x">', '</a>'], texts: ['b'] }) // '"<a href=\\"x\\">b</a>"'
 */
export function quoteHtmlParts({ markup, texts, plain }: HtmlParts): string | undefined {
  const first = markup[0] ?? '';
  if (NEEDS_ESCAPE_BUT_QUOTE.test(first)) return undefined;
  let json = `"${first.replaceAll('"', '\\"')}`;
  for (let i = 0; i < texts.length; i++) {
    const text = texts[i] ?? '';
    const piece = markup[i + 1] ?? '';
    // A text known plain was scanned as it was added (`HtmlBuilder`): not again.
    if ((plain?.[i] !== true && NEEDS_ESCAPE.test(text)) || NEEDS_ESCAPE_BUT_QUOTE.test(piece)) return undefined;
    json += `${text}${piece.replaceAll('"', '\\"')}`;
  }
  return `${json}"`;
}

const GAP = '  ';

// Keys are Lede's own names: quoted by JSON.stringify only when they would need it, and never stripped.
function quoteKey(key: string): string {
  return NEEDS_ESCAPE.test(key) ? JSON.stringify(key) : `"${key}"`;
}

function writeArray(values: readonly unknown[], indent: string): string {
  if (values.length === 0) return '[]';
  const inner = indent + GAP;
  let json = '';
  // `undefined` (and a hole) is `null` in an array, as JSON.stringify writes it.
  for (let i = 0; i < values.length; i++)
    json += `${i === 0 ? '' : ','}\n${inner}${writeJson(values[i], inner) ?? 'null'}`;
  return `[${json}\n${indent}]`;
}

function writeObject(value: Readonly<Record<string, unknown>>, indent: string): string {
  const inner = indent + GAP;
  let json = '';
  for (const key of Object.keys(value)) {
    const member = writeJson(value[key], inner);
    if (member !== undefined) json += `${json === '' ? '' : ','}\n${inner}${quoteKey(key)}: ${member}`;
  }
  return json === '' ? '{}' : `{${json}\n${indent}}`;
}

/**
 * `JSON.stringify(value, stripJsonStrings, 2)` for plain data — strings, numbers, booleans, null, undefined, arrays
 * and objects of them, and `JsonText` — nested at `indent` (its members one `GAP` further); undefined where
 * JSON.stringify gives undefined (undefined, a function, a symbol).
 *
 * @example
 * writeJson({ title: 'a\u0000b', tags: ['c'], none: undefined }); // '{\n  "title": "ab",\n  "tags": [\n    "c"\n  ]\n}'
 */
export function writeJson(value: unknown, indent = ''): string | undefined {
  if (typeof value === 'string') return quoteJson(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  if (value === null) return 'null';
  if (value instanceof JsonText) return value.text;
  if (Array.isArray(value)) return writeArray(value, indent);
  if (typeof value !== 'object') return undefined;
  // A value with its own JSON form (a Date): what JSON.stringify writes is that form's.
  const { toJSON } = value as { toJSON?: unknown };
  if (typeof toJSON === 'function') return writeJson(toJSON.call(value) as unknown, indent);
  return writeObject(value as Readonly<Record<string, unknown>>, indent);
}
