/**
 * @module core/signals/path-pattern
 * Path patterns as RFC 9309 (Robots Exclusion Protocol) defines them, shared by robots.txt rules,
 * `/.well-known/tdmrep.json` locations (TDMRep reuses the robots.txt syntax) and RSL `<content url>`
 * (RSL 1.0 says its paths follow RFC 9309 URL matching):
 *  - a pattern matches a path that starts with it (§2.2.2); `*` matches any run of characters and a
 *    final `$` anchors the end (§2.2.3);
 *  - both sides are normalised before comparison (§2.2.2): non-ASCII octets and spaces are
 *    percent-encoded, escapes of unreserved characters (RFC 3986 §2.3) are decoded, other escapes keep
 *    their meaning with upper-case hex, so `/a%2fb` and `/a/b` stay different while `/%7Ea` ≡ `/~a`.
 * Matching is a linear-space wildcard walk, not a RegExp: robots.txt is untrusted input, and a pattern
 * like `/*a*a*a*b` must not backtrack exponentially.
 */

const UNRESERVED = /^[A-Za-z0-9\-._~]$/;

/** Percent-encode one character as UTF-8 octets, upper-case hex (RFC 3986 §2.1). */
function encodeOctets(char: string): string {
  return Array.from(
    new TextEncoder().encode(char),
    (byte) => `%${byte.toString(16).toUpperCase().padStart(2, '0')}`,
  ).join('');
}

/**
 * The RFC 9309 §2.2.2 normal form of a path or pattern (wildcards untouched).
 *
 * @example
 * normalizePath('/caf%c3%a9/%7Euser'); // '/caf%C3%A9/~user'
 * normalizePath('/café');               // '/caf%C3%A9'
 */
export function normalizePath(path: string): string {
  let out = '';
  for (let index = 0; index < path.length;) {
    const char = String.fromCodePoint(path.codePointAt(index) ?? 0);
    index += char.length;
    if (char === '%' && /^[0-9A-Fa-f]{2}$/.test(path.slice(index, index + 2))) {
      const decoded = String.fromCharCode(Number.parseInt(path.slice(index, index + 2), 16));
      out += UNRESERVED.test(decoded) ? decoded : `%${path.slice(index, index + 2).toUpperCase()}`;
      index += 2;
      continue;
    }
    const isPlainAscii = char > ' ' && char <= '~';
    out += isPlainAscii ? char : encodeOctets(char);
  }
  return out;
}

/** Whether `glob` (with `*`, no `$`) matches all of `text`: the classic greedy walk with one backtrack point. */
function matchesWhole(glob: string, text: string): boolean {
  let g = 0;
  let t = 0;
  let starG = -1;
  let starT = 0;
  while (t < text.length) {
    if (g < glob.length && glob[g] !== '*' && glob[g] === text[t]) {
      g += 1;
      t += 1;
    } else if (g < glob.length && glob[g] === '*') {
      starG = g;
      starT = t;
      g += 1;
    } else if (starG >= 0) {
      g = starG + 1;
      starT += 1;
      t = starT;
    } else {
      return false;
    }
  }
  while (g < glob.length && glob[g] === '*') g += 1;
  return g === glob.length;
}

/**
 * Whether a pattern (already normalised) matches a path (already normalised): a prefix match, unless
 * the pattern ends in `$`.
 *
 * @example
 * matchesPathPattern('/signals/private/', '/signals/private/a.html'); // true
 * matchesPathPattern('/*.pdf$', '/files/a.pdf?x=1');                   // false
 */
export function matchesPathPattern(pattern: string, path: string): boolean {
  if (pattern.endsWith('$')) return matchesWhole(pattern.slice(0, -1), path);
  return matchesWhole(`${pattern}*`, path);
}

/**
 * The path a rule is matched against: the URL's path and query (RFC 9309 §2.2.2 matches the "path"
 * of the URI as requested, which includes the query), normalised.
 *
 * @example
 * toMatchPath('https://example.com/a%7eb?x=1#top'); // '/a~b?x=1'
 */
export function toMatchPath(urlOrPath: string): string {
  if (urlOrPath.startsWith('/')) return normalizePath(urlOrPath);
  try {
    const url = new URL(urlOrPath);
    return normalizePath(`${url.pathname}${url.search}`);
  } catch {
    return normalizePath(`/${urlOrPath}`);
  }
}
