/**
 * @module core/pull/decode-body
 * Bytes → text, the way browsers decide a document's encoding (WHATWG Encoding "decode" and HTML
 * §13.2.3 "determining the character encoding"), cut down to what feeds and article pages need:
 *
 * 1. a byte order mark (UTF-8, UTF-16LE/BE) — it wins even over the header, as in browsers, because a
 *    BOM is never there by accident while wrong headers are common;
 * 2. the `charset` parameter of the Content-Type header;
 * 3. a declaration in the first 1024 bytes: `<meta charset>`, `<meta http-equiv="Content-Type">`, or an
 *    XML declaration's `encoding=`;
 * 4. UTF-8.
 *
 * Two repairs of real-world accidents on top: a document in UTF-16 without a BOM is told by its first
 * characters (XML 1.0 Appendix F: `<` then a NUL byte cannot be an ASCII-compatible encoding), and bytes
 * that are valid UTF-8 with non-ASCII characters are read as UTF-8 whatever the header or `<meta>` says —
 * a page transcoded to UTF-8 that kept its old `charset=windows-1251` would otherwise read as mojibake,
 * while text in a legacy encoding is, but for a few bytes, never valid UTF-8.
 *
 * Labels are resolved by `TextDecoder` itself (windows-1251, koi8-r, iso-8859-1, cp1251, …; all WHATWG
 * labels work in Node with full ICU and in workerd). An unknown label falls through to the next source;
 * nothing here throws.
 */

const SNIFF_BYTES = 1024;

/** A decoder for `label`, or undefined when TextDecoder does not know it. */
function createDecoder(label: string | undefined): InstanceType<typeof TextDecoder> | undefined {
  if (!label) return undefined;
  try {
    return new TextDecoder(label.trim().toLowerCase());
  } catch {
    return undefined;
  }
}

/** Label and length of a byte order mark at the start of `bytes`. */
function readBom(bytes: Uint8Array): { label: string; length: number } | undefined {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { label: 'utf-8', length: 3 };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { label: 'utf-16le', length: 2 };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { label: 'utf-16be', length: 2 };
  return undefined;
}

/** UTF-16 without a BOM, told by a `<` (or `<?xml`) whose high or low byte is NUL (XML 1.0 Appendix F). */
function sniffUtf16(bytes: Uint8Array): string | undefined {
  if (bytes.length < 4) return undefined;
  const ascii = (byte: number | undefined) => byte !== undefined && byte > 0 && byte < 0x80;
  if (bytes[0] === 0x3c && bytes[1] === 0 && ascii(bytes[2]) && bytes[3] === 0) return 'utf-16le';
  if (bytes[0] === 0 && bytes[1] === 0x3c && bytes[2] === 0 && ascii(bytes[3])) return 'utf-16be';
  return undefined;
}

/** Whether the bytes hold a non-ASCII character and are valid UTF-8 throughout. */
function isNonAsciiUtf8(bytes: Uint8Array): boolean {
  if (bytes.every((byte) => byte < 0x80)) return false;
  try {
    new TextDecoder('utf-8', { fatal: true }).decode(bytes);
    return true;
  } catch {
    return false;
  }
}

/** The `charset` parameter of a media type (RFC 9110 §8.3.1), quotes allowed. */
function readHeaderCharset(contentType: string | undefined): string | undefined {
  return contentType ? /;\s*charset\s*=\s*"?([^";\s]+)"?/i.exec(contentType)?.[1] : undefined;
}

/**
 * The charset declared near the top of the document. The prefix is read as latin1 (one char per byte),
 * which keeps the ASCII of any ASCII-compatible encoding intact.
 */
function sniffDeclaredCharset(bytes: Uint8Array): string | undefined {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, SNIFF_BYTES));
  const xml = /^\s*<\?xml[^>]*\bencoding\s*=\s*["']([^"']+)["']/i.exec(head)?.[1];
  if (xml) return xml;
  for (const [tag] of head.matchAll(/<meta\b[^>]*>/gi)) {
    const direct = /\bcharset\s*=\s*["']?([^"'\s/>;]+)/i.exec(tag)?.[1];
    if (direct) return isUtf16(direct) ? 'utf-8' : direct;
  }
  return undefined;
}

/** HTML §13.2.3.3: a UTF-16 label found by sniffing ASCII bytes cannot be right; it means UTF-8. */
function isUtf16(label: string): boolean {
  return /^utf-16/i.test(label.trim());
}

/**
 * Decode a response body to a string.
 *
 * @example
 * decodeBody(bytes, 'text/html; charset=windows-1251'); // 'Привет…'
 * decodeBody(bytes, 'text/html'); // charset from BOM, <meta> or <?xml?>, else UTF-8
 */
export function decodeBody(bytes: Uint8Array, contentType: string | undefined): string {
  const bom = readBom(bytes);
  if (bom) return new TextDecoder(bom.label).decode(bytes.subarray(bom.length));
  const utf16 = sniffUtf16(bytes);
  if (utf16) return new TextDecoder(utf16).decode(bytes);
  const declared = createDecoder(readHeaderCharset(contentType)) ?? createDecoder(sniffDeclaredCharset(bytes));
  if (!declared || declared.encoding === 'utf-8' || isNonAsciiUtf8(bytes))
    return new TextDecoder('utf-8').decode(bytes);
  return declared.decode(bytes);
}
