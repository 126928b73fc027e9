/**
 * @module core/html-entities
 * Character references in the text publishers hand us — feed titles and summaries, meta attributes,
 * JSON-LD strings — decoded without a parser: every numeric reference, and the named ones that turn up
 * in news text. Invalid numeric references become U+FFFD as in HTML (§13.2.5.80); named references
 * outside the table are left as written and reported, so a caller can hand the rare case to a parser.
 */

const COMMON_ENTITIES: Readonly<Record<string, string>> = {
  amp: '&',
  lt: '<',
  gt: '>',
  quot: '"',
  apos: "'",
  nbsp: '\u00A0',
  shy: '\u00AD',
  ndash: '–',
  mdash: '—',
  hellip: '…',
  laquo: '«',
  raquo: '»',
  lsquo: '‘',
  rsquo: '’',
  sbquo: '‚',
  ldquo: '“',
  rdquo: '”',
  bdquo: '„',
  prime: '′',
  copy: '©',
  reg: '®',
  trade: '™',
  bull: '•',
  middot: '·',
  deg: '°',
  euro: '€',
  pound: '£',
  yen: '¥',
  cent: '¢',
  sect: '§',
  para: '¶',
  times: '×',
  divide: '÷',
  plusmn: '±',
  frac12: '½',
  frac14: '¼',
  frac34: '¾',
  numero: '№',
  eacute: 'é',
  egrave: 'è',
  agrave: 'à',
  aacute: 'á',
  ccedil: 'ç',
  ouml: 'ö',
  uuml: 'ü',
  auml: 'ä',
  szlig: 'ß',
  iacute: 'í',
  oacute: 'ó',
};

/** HTML keeps upper-case forms of these few for legacy content (`&AMP;`); every other name is case-sensitive. */
const LEGACY_UPPER_CASE = new Set(['AMP', 'LT', 'GT', 'QUOT']);

/** A code point from a numeric reference; U+FFFD for the ones HTML replaces (NUL, surrogates, out of range). */
function fromCodePoint(code: number): string {
  const invalid = code === 0 || code > 0x10ffff || (code >= 0xd800 && code <= 0xdfff) || Number.isNaN(code);
  return invalid ? '\uFFFD' : String.fromCodePoint(code);
}

function decodeNamed(name: string): string | undefined {
  return COMMON_ENTITIES[name] ?? (LEGACY_UPPER_CASE.has(name) ? COMMON_ENTITIES[name.toLowerCase()] : undefined);
}

/**
 * Decode what the table knows; `unknown` tells whether a named reference outside it was left as written.
 * @example decodeKnownEntities('Tom &amp; Jerry&#8217;s') // { text: 'Tom & Jerry’s', unknown: false }
 */
export function decodeKnownEntities(text: string): { text: string; unknown: boolean } {
  let unknown = false;
  const decoded = text.replace(/&(#x[\da-f]+|#\d+|[a-z][a-z\d]*);/gi, (whole, name: string) => {
    if (name[0] === '#')
      return fromCodePoint(name[1] === 'x' || name[1] === 'X' ? parseInt(name.slice(2), 16) : Number(name.slice(1)));
    const value = decodeNamed(name);
    if (value === undefined) unknown = true;
    return value ?? whole;
  });
  return { text: decoded, unknown };
}

/**
 * Decode character references, leaving unknown named ones as written.
 * @example decodeEntities('A &mdash; B') // 'A — B'
 */
export function decodeEntities(text: string): string {
  return decodeKnownEntities(text).text;
}
