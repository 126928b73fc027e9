/**
 * @module core/signals/tdmrep
 * The W3C TDM Reservation Protocol (TDMRep, Community Group final report): a rightsholder reserves
 * text-and-data-mining rights with `tdm-reservation` = 1 (0 = not reserved; any other value = unset,
 * a protocol error) and may point at a policy with `tdm-policy` (a URL). The same two properties come
 * as HTML `<meta name>`, as HTTP response headers, or per path in `/.well-known/tdmrep.json`: an array
 * of `{ "location", "tdm-reservation", "tdm-policy" }` rules whose locations use the robots.txt pattern
 * syntax; the first rule in sequence that matches applies (the spec orders the most specific first).
 */
import type { TdmRule } from '../signal-records.ts';
import { matchesPathPattern, normalizePath, toMatchPath } from './path-pattern.ts';

/**
 * A `tdm-reservation` value: true for 1, false for 0, undefined for anything else (unset).
 *
 * @example
 * readTdmReservation('1'); // true
 */
export function readTdmReservation(value: unknown): boolean | undefined {
  const text = typeof value === 'number' ? String(value) : typeof value === 'string' ? value.trim() : '';
  if (text === '1') return true;
  return text === '0' ? false : undefined;
}

/**
 * A `tdm-policy` URL made absolute against `base`; undefined when it is not a URL.
 *
 * @example
 * readTdmPolicy('/policy.json', 'https://example.com/a'); // 'https://example.com/policy.json'
 */
export function readTdmPolicy(value: unknown, base: string): string | undefined {
  if (typeof value !== 'string' || value.trim() === '') return undefined;
  try {
    return new URL(value.trim(), base).href;
  } catch {
    return undefined;
  }
}

function toRule(entry: unknown, base: string): TdmRule | undefined {
  if (typeof entry !== 'object' || entry === null) return undefined;
  const record = entry as Record<string, unknown>;
  const location = record['location'];
  const reserved = readTdmReservation(record['tdm-reservation']);
  if (typeof location !== 'string' || reserved === undefined) return undefined;
  const policy = readTdmPolicy(record['tdm-policy'], base);
  const pattern = location.startsWith('/') ? location : `/${location}`;
  return { location: normalizePath(pattern), reserved, ...(policy ? { policy } : {}) };
}

/**
 * Parse `/.well-known/tdmrep.json`. Malformed JSON or entries are skipped, never thrown.
 *
 * @param base the file's URL, for relative policy URLs
 * @example
 * parseTdmrepJson('[{"location":"/signals/tdm/*","tdm-reservation":1,"tdm-policy":"/policy.json"}]', origin);
 * // [{ location: '/signals/tdm/*', reserved: true, policy: 'http://…/policy.json' }]
 */
export function parseTdmrepJson(text: string, base: string): TdmRule[] {
  let data: unknown;
  try {
    data = JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch {
    return [];
  }
  if (!Array.isArray(data)) return [];
  return data.map((entry) => toRule(entry, base)).filter((rule): rule is TdmRule => rule !== undefined);
}

/**
 * The rule that applies to a path: the first matching one in sequence.
 *
 * @example
 * findTdmRule(rules, '/signals/tdm/article')?.reserved; // true
 */
export function findTdmRule(rules: readonly TdmRule[], path: string): TdmRule | undefined {
  const target = toMatchPath(path);
  return rules.find((rule) => matchesPathPattern(rule.location, target));
}
