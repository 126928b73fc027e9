/**
 * decodeBody (core/pull/decode-body): charset from the header, a BOM or a sniffed declaration, as the WHATWG
 * Encoding Standard and HTML §13.2.3 read it; never throws.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { decodeBody } from '../../../src/core/pull/decode-body.ts';
import { encodeSingleByte } from '../../fixtures/site/encode-legacy.ts';

const utf8 = (text: string): Uint8Array => new TextEncoder().encode(text);
/** UTF-16LE code units, no BOM (these texts are all in the Basic Multilingual Plane). */
const utf16le = (text: string): Uint8Array =>
  Uint8Array.from({ length: text.length * 2 }, (_, index) => (text.charCodeAt(index >> 1) >> ((index & 1) * 8)) & 0xff);
const concat = (...parts: Uint8Array[]): Uint8Array => Uint8Array.from(parts.flatMap((part) => [...part]));

describe('decodeBody', () => {
  const russian = 'Вестник Степи: «Привет», ёжик — №1';
  const cp1251 = encodeSingleByte(russian, 'windows-1251');

  it.each([
    ['header charset', cp1251, 'text/html; charset=windows-1251'],
    ['header charset, quoted and upper-case', cp1251, 'text/html; Charset="WINDOWS-1251"'],
    ['header alias cp1251', cp1251, 'text/plain; charset=cp1251'],
    ['koi8-r from the header', encodeSingleByte('Вестник Степи, ёжик', 'koi8-r'), 'text/plain; charset=koi8-r'],
  ])('decodes by %s', (name, bytes, contentType) => {
    expect(decodeBody(bytes, contentType)).toBe(name.startsWith('koi8') ? 'Вестник Степи, ёжик' : russian);
  });

  it.each([
    ['<meta charset>', '<!doctype html><html><head><meta charset="windows-1251"><title>', 'text/html'],
    [
      '<meta http-equiv>',
      '<html><head><META HTTP-EQUIV="Content-Type" CONTENT="text/html; charset=windows-1251">',
      undefined,
    ],
    ['an XML declaration', '<?xml version="1.0" encoding="windows-1251"?><rss><title>', 'application/xml'],
  ])('sniffs %s in the first 1024 bytes when the header names no charset', (_name, head, contentType) => {
    const bytes = encodeSingleByte(`${head}${russian}`, 'windows-1251');
    expect(decodeBody(bytes, contentType)).toBe(`${head}${russian}`);
  });

  it('ignores a declaration past the first 1024 bytes and falls back to UTF-8', () => {
    const late = utf8(`${' '.repeat(1100)}<meta charset="windows-1251">Қазақстан`);
    expect(decodeBody(late, 'text/html')).toContain('Қазақстан');
  });

  it('lets a BOM win over the header (WHATWG Encoding "decode")', () => {
    const bytes = concat(Uint8Array.of(0xef, 0xbb, 0xbf), utf8('Әлем'));
    expect(decodeBody(bytes, 'text/html; charset=windows-1251')).toBe('Әлем');
  });

  it('decodes UTF-16 with a BOM', () => {
    const le = Uint8Array.of(0xff, 0xfe, 0x1a, 0x04, 0x30, 0x04); // "Ка"
    const be = Uint8Array.of(0xfe, 0xff, 0x04, 0x1a, 0x04, 0x30);
    expect(decodeBody(le, undefined)).toBe('Ка');
    expect(decodeBody(be, undefined)).toBe('Ка');
  });

  it('treats a sniffed UTF-16 declaration as UTF-8 (HTML §13.2.3.3)', () => {
    expect(decodeBody(utf8('<meta charset="utf-16">Өнер'), 'text/html')).toBe('<meta charset="utf-16">Өнер');
  });

  it('falls back to UTF-8 for unknown labels and never throws', () => {
    expect(decodeBody(utf8('ұлттық'), 'text/html; charset=x-no-such-charset')).toBe('ұлттық');
    expect(decodeBody(utf8('<meta charset="bogus">ү'), undefined)).toBe('<meta charset="bogus">ү');
    expect(decodeBody(Uint8Array.of(0xff, 0x41), 'text/plain')).toBe('\uFFFDA');
  });

  it('reads iso-8859-1 as windows-1252, as the Encoding Standard maps it', () => {
    expect(decodeBody(Uint8Array.of(0x93, 0x63, 0x61, 0x66, 0xe9, 0x94), 'text/html; charset=iso-8859-1')).toBe(
      '“café”',
    );
  });

  it('decodes UTF-16 without a BOM by its first characters (XML 1.0 Appendix F), whatever is declared', () => {
    const text = '<?xml version="1.0" encoding="UTF-16"?><rss><title>Жаңалықтар</title></rss>';
    const le = utf16le(text);
    const be = le.map((_, index) => le[index ^ 1] ?? 0);
    expect(decodeBody(le, 'application/rss+xml')).toBe(text);
    expect(decodeBody(be, 'application/xml; charset=utf-8')).toBe(text);
    const html = '<!doctype html><p>Сәлем</p>';
    const htmlLe = utf16le(html);
    expect(decodeBody(htmlLe, 'text/html')).toBe(html);
  });

  it.each([
    ['a <meta> left from before a transcoding', '<meta charset="windows-1251">', 'text/html'],
    ['a header default', '<meta charset="utf-8">', 'text/html; charset=ISO-8859-1'],
    ['an XML declaration', '<?xml version="1.0" encoding="koi8-r"?>', 'application/xml'],
  ])('reads valid UTF-8 as UTF-8 when %s declares a legacy charset', (_name, head, contentType) => {
    const text = `${head}Қазақстан — «café» №1`;
    expect(decodeBody(utf8(text), contentType)).toBe(text);
  });

  it('keeps the declared legacy charset for bytes that are not valid UTF-8', () => {
    expect(decodeBody(cp1251, 'text/html; charset=windows-1251')).toBe(russian);
    const ascii = utf8('<meta charset="windows-1251">plain ASCII');
    expect(decodeBody(ascii, 'text/html')).toBe('<meta charset="windows-1251">plain ASCII');
  });

  it('reads legacy Cyrillic text as its charset, never as UTF-8 (property)', () => {
    const cyrillic = fc.string({
      unit: fc.constantFrom(...Array.from('абвгдеёжзийклмнопрстуфхцчшщъыьэюяАБВГДЕЖЗИЙ .,')),
      minLength: 2,
    });
    fc.assert(
      fc.property(cyrillic, (text) => {
        // Two lower-case letters in a row (E0–FF in windows-1251) can never be UTF-8: a lead byte needs a continuation
        // byte (80–BF) next. Real Russian text has thousands such pairs; "Вё" alone (C2 B8) happens to be valid UTF-8.
        fc.pre(/[а-я]{2}/.test(text));
        // Text opening with "юя" or "яю" is, in windows-1251, the bytes of a UTF-16 BOM (FE FF, FF FE), and a BOM
        // wins over any label (WHATWG Encoding "decode"), in browsers as here.
        fc.pre(!/^(юя|яю)/.test(text));
        expect(decodeBody(encodeSingleByte(text, 'windows-1251'), 'text/plain; charset=windows-1251')).toBe(text);
      }),
    );
  });

  // A document whose second byte is NUL after a `<` is UTF-16 by XML 1.0 Appendix F; real text holds no NUL.
  it('round-trips any string as UTF-8 when nothing is declared', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), (text) => {
        const clean = text.replace(/^\uFEFF/, '').replace(/<\?xml|<meta|\0/gi, '');
        expect(decodeBody(utf8(clean), undefined)).toBe(clean);
      }),
    );
  });
});
