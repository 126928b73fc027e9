/**
 * JSON Feed's hand-written JSON (src/core/render/json-text.ts, session 21) against what it replaced:
 * `JSON.stringify(value, stripJsonStrings, 2)` (tests/helpers/render-json-before.ts, verbatim) — strings quoted
 * as they are when nothing in them needs escaping or stripping, the item HTML quoted piece by piece, and text
 * scanned once for XML and JSON (`isPlainText`) — over arbitrary text: surrogates paired and lone, control
 * characters, `]]>`, markup characters, quotes, backslashes, CR/LF and tabs, non-BMP characters.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonText, quoteHtmlParts, quoteJson, writeJson } from '../../../src/core/render/json-text.ts';
import { HtmlBuilder, joinHtml, sanitizeBuiltHtml } from '../../../src/core/render/sanitize-html.ts';
import { escapeXml, isPlainText } from '../../../src/core/render/xml.ts';
import { stripJsonStrings } from '../../helpers/render-json-before.ts';
import { escapeXml as escapeXmlBefore } from '../../helpers/render-reference/xml.ts';
import { buildHtml, text, url } from '../../helpers/render-arbitraries.ts';

/** Text made of what JSON or XML treats specially, and of plain letters (so the fast paths are taken too). */
const edgyText = fc.string({
  unit: fc.constantFrom(
    'a',
    'Ж',
    '“',
    ' ',
    ']]>',
    '&',
    '<',
    '>',
    '"',
    "'",
    '\\',
    '\r\n',
    '\t',
    '\u0000',
    '\u001f',
    '\u007f',
    '\u2028',
    '\ud800',
    '\udfff',
    '\ufffe',
    '\uffff',
    '😀',
    '𝔘',
  ),
  maxLength: 12,
});
const anyText = fc.oneof(edgyText, text, fc.string({ unit: 'binary', maxLength: 8 }));
/** The previous quoting of a string value: JSON.stringify with the stripping replacer. */
const quoteBefore = (value: string) => JSON.stringify(value, stripJsonStrings);

describe('isPlainText', () => {
  it('holds only for text that is its own XML escape and, between quotes, its own stripped JSON string', () => {
    fc.assert(
      fc.property(anyText, (value) => {
        const ownEscapes = escapeXmlBefore(value) === value && quoteBefore(value) === `"${value}"`;
        if (isPlainText(value)) expect(ownEscapes).toBe(true);
        // The converse, but for tab, CR, LF (JSON escapes them, XML not) and paired surrogates (left to JSON.stringify).
        if (ownEscapes && !/[\t\n\r\ud800-\udfff]/.test(value)) expect(isPlainText(value)).toBe(true);
        expect(escapeXml(value)).toBe(escapeXmlBefore(value));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('quoteJson', () => {
  it('is the previous quoting of a string value', () => {
    fc.assert(
      fc.property(anyText, (value) => {
        expect(quoteJson(value)).toBe(quoteBefore(value));
      }),
      { numRuns: 3000 },
    );
  });
});

describe('quoteHtmlParts', () => {
  it('quotes built, sanitized HTML piece by piece as the previous code quoted the joined HTML, or leaves it to it', () => {
    const step = fc.oneof(
      fc
        .constantFrom('<p>', '</p>', '<a href="https://ex.com/?a=1&amp;b">', '</a>', '<em>', '</em>', '<br>', '\\')
        .map((markup) => ({ markup })),
      anyText.map((value) => ({ text: value })),
    );
    fc.assert(
      fc.property(fc.array(step, { maxLength: 10 }), url, (steps, base) => {
        const html = buildHtml(steps);
        const parts = sanitizeBuiltHtml(html, base);
        const quoted = quoteHtmlParts(parts);
        if (quoted !== undefined) expect(quoted).toBe(quoteBefore(joinHtml(parts)));
        // Without the builder's knowledge of which texts are plain, the same.
        const unknown = quoteHtmlParts({ markup: parts.markup, texts: parts.texts });
        if (unknown !== undefined) expect(unknown).toBe(quoteBefore(joinHtml(parts)));
      }),
      { numRuns: 3000 },
    );
  });

  it('takes the piecewise way for an ordinary item', () => {
    const html = new HtmlBuilder().addMarkup('<p>').addText('Senate backs “water code” — 30%').addMarkup('</p>');
    html
      .addMarkup('<p>')
      .addText('Read at ')
      .addMarkup('<a href="https://ex.com/a">')
      .addText('Ex')
      .addMarkup('</a></p>');
    const parts = sanitizeBuiltHtml(html, 'https://ex.com/');
    expect(quoteHtmlParts(parts)).toBe(
      '"<p>Senate backs “water code” — 30%</p><p>Read at <a href=\\"https://ex.com/a\\">Ex</a></p>"',
    );
  });
});

describe('writeJson', () => {
  const document = fc.letrec<{ value: unknown }>((tie) => ({
    value: fc.oneof(
      { depthSize: 'small', withCrossShrink: true },
      anyText,
      fc.double(),
      fc.integer(),
      fc.boolean(),
      fc.constant(null),
      fc.constant(undefined),
      fc.array(fc.option(tie('value'), { nil: undefined }), { maxLength: 4 }),
      fc.dictionary(fc.oneof(anyText, fc.constantFrom('0', '10', '_lede', 'items')), tie('value'), { maxKeys: 4 }),
    ),
  })).value;

  it('writes what JSON.stringify with the stripping replacer writes, at any depth', () => {
    fc.assert(
      fc.property(document, (value) => {
        expect(writeJson(value)).toBe(JSON.stringify(value, stripJsonStrings, 2));
      }),
      { numRuns: 3000 },
    );
  });

  it('places JsonText as written: a member written apart and placed gives the same document', () => {
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('a', 'b', 'items'), document, { maxKeys: 3 }), (members) => {
        const placed = Object.fromEntries(
          Object.entries(members).map(([key, value]) => {
            const json = writeJson(value, '  ');
            return [key, json === undefined ? undefined : new JsonText(json)];
          }),
        );
        expect(writeJson(placed)).toBe(JSON.stringify(members, stripJsonStrings, 2));
      }),
      { numRuns: 2000 },
    );
  });

  it('writes a value with its own JSON form (a Date) as that form, as JSON.stringify does', () => {
    const value = { at: new Date(Date.UTC(2026, 11, 1)), list: [new Date(0)], own: { toJSON: () => ['a\u0000'] } };
    expect(writeJson(value)).toBe(JSON.stringify(value, stripJsonStrings, 2));
  });

  it('gives undefined where JSON.stringify does', () => {
    expect(writeJson(undefined)).toBeUndefined();
    expect(writeJson(() => 1)).toBeUndefined();
    expect(writeJson({ a: Symbol('s'), b: [undefined, () => 1] })).toBe(
      JSON.stringify({ a: Symbol('s'), b: [undefined, () => 1] }, null, 2),
    );
  });
});
