/**
 * @module core/signals/robots
 * robots.txt as RFC 9309 (Robots Exclusion Protocol) defines it, for one crawler — Lede:
 *  - groups start with one or more `user-agent` lines (§2.1); the groups naming our product token
 *    (case-insensitively, §2.2.1) are combined, and only without one do the `*` groups apply;
 *  - the longest matching `allow`/`disallow` pattern decides, `allow` winning a tie, no match (or no
 *    group) allowing (§2.2.2); `*` and `$` wildcards and percent-encoding per `path-pattern.ts`;
 *    `/robots.txt` itself is always allowed; at most 500 KiB are parsed (§2.5);
 *  - as Google's reference parser (tests/conformance/ holds its cases): `disallow /` without its colon,
 *    and a leading BOM even when cut short;
 *  - RSL 1.0 `License:` lines (Really Simple Licensing; global, like `Sitemap:`, outside any group);
 *  - `Content-Usage: <path> <preference>` rules in a group (IETF AI-Preferences,
 *    draft-ietf-aipref-attach §3) and Cloudflare's `Content-Signal:` look-alike, kept raw; what they
 *    mean for Lede is decided in `content-usage.ts`.
 * The result is plain data (`RobotsPolicy`), so a site's parsed robots.txt can be cached as JSON.
 */
import { DEFAULT_USER_AGENT } from '../pull/http-policy.ts';
import type { RobotsPolicy, RobotsRule, UsageRule } from '../signal-records.ts';
import { matchesPathPattern, normalizePath, toMatchPath } from './path-pattern.ts';

/** The product token of Lede's User-Agent (`Lede/0.1 (+…)` → `Lede`), the name robots.txt groups use. */
export const LEDE_PRODUCT_TOKEN = /^[A-Za-z_-]+/.exec(DEFAULT_USER_AGENT)?.[0] ?? 'Lede';

/** RFC 9309 §2.5: crawlers must parse at least 500 KiB; we parse exactly that much. */
const MAX_ROBOTS_BYTES = 500 * 1024;

/**
 * The first 500 KiB (UTF-8 bytes) of a robots.txt, cut after the last whole line within them: a rule cut in
 * the middle would mean something else (`Allow: /private-ok` read as `Allow: /priv`), so it is left out.
 */
function withinParseLimit(text: string): string {
  // A string of n UTF-16 units is at most 3n UTF-8 bytes: short files need no measuring.
  if (text.length * 3 <= MAX_ROBOTS_BYTES) return text;
  const bytes = new TextEncoder().encode(text.slice(0, MAX_ROBOTS_BYTES + 1));
  if (bytes.length <= MAX_ROBOTS_BYTES && text.length <= MAX_ROBOTS_BYTES) return text;
  const head = bytes.subarray(0, MAX_ROBOTS_BYTES);
  const lineEnd = Math.max(head.lastIndexOf(0x0a), head.lastIndexOf(0x0d));
  return new TextDecoder().decode(head.subarray(0, lineEnd + 1));
}

export interface RobotsTxt {
  readonly policy: RobotsPolicy;
  readonly licenses: readonly string[];
  /** The applying group's Content-Usage / Content-Signal lines, raw, one per line; undefined without any. */
  readonly contentUsage?: string;
  /** Whether the crawler may fetch this path (or URL). */
  isAllowed(path: string): boolean;
}

interface Group {
  readonly agents: string[];
  readonly rules: RobotsRule[];
  readonly usage: UsageRule[];
  hasRules: boolean;
}

/** Keys a line may give without its colon (`disallow /`): only these, only as exactly two words. */
const COLONLESS_KEYS = new Set(['user-agent', 'allow', 'disallow']);

/**
 * `key: value` of one line, comments dropped (§2.2: `#` starts a comment); undefined for other lines.
 * Beyond RFC 9309, as Google's reference parser does: a missing colon (`disallow /`) is read as if it were
 * there when the line is exactly a known key and one value — the rule its owner meant, which the crawlers
 * the site was tested with follow.
 */
function splitLine(line: string): [string, string] | undefined {
  const content = line.replace(/#.*$/, '');
  const colon = content.indexOf(':');
  if (colon <= 0) {
    const [, key = '', value = ''] = /^\s*(\S+)\s+(\S+)\s*$/.exec(content) ?? [];
    return COLONLESS_KEYS.has(key.toLowerCase()) ? [key.toLowerCase(), value] : undefined;
  }
  return [content.slice(0, colon).trim().toLowerCase(), content.slice(colon + 1).trim()];
}

/** The product token a user-agent line names (`Lede/1.0` → `lede`), or `*`. */
function readAgentToken(value: string): string {
  if (value.startsWith('*')) return '*';
  return (/^[A-Za-z_-]+/.exec(value)?.[0] ?? value).toLowerCase();
}

/** A `Content-Usage` value: `<path> <preference>`; a value without a path applies to the whole site. */
function readUsageRule(field: UsageRule['field'], value: string): UsageRule | undefined {
  if (value === '') return undefined;
  const match = /^(\/\S*)\s+(.+)$/.exec(value);
  return match
    ? { field, pattern: normalizePath(match[1] ?? '/'), preference: (match[2] ?? '').trim() }
    : { field, pattern: '/', preference: value };
}

function addRule(group: Group, key: string, value: string): void {
  group.hasRules = true;
  if (key === 'allow' || key === 'disallow') {
    // An empty Disallow disallows nothing (§2.2.2); an empty Allow allows nothing more.
    if (value !== '') group.rules.push({ allow: key === 'allow', pattern: normalizePath(value) });
    return;
  }
  const rule = readUsageRule(key === 'content-usage' ? 'Content-Usage' : 'Content-Signal', value);
  if (rule) group.usage.push(rule);
}

const GROUP_RULES = new Set(['allow', 'disallow', 'content-usage', 'content-signal']);

function parseGroups(text: string): { groups: Group[]; licenses: string[] } {
  const groups: Group[] = [];
  const licenses: string[] = [];
  let current: Group | undefined;
  for (const line of withinParseLimit(text).split(/\r\n|\r|\n/)) {
    const [key, value] = splitLine(line) ?? [];
    if (key === undefined || value === undefined) continue;
    if (key === 'user-agent') {
      if (!current || current.hasRules) groups.push((current = { agents: [], rules: [], usage: [], hasRules: false }));
      current.agents.push(readAgentToken(value));
    } else if (GROUP_RULES.has(key)) {
      // Rules before the first user-agent line belong to no group and are ignored (§2.1).
      if (current) addRule(current, key, value);
    } else if (key === 'license' && value !== '') {
      licenses.push(value);
    }
  }
  return { groups, licenses };
}

/**
 * The rule that decides a path: the longest matching pattern, `allow` on a tie (RFC 9309 §2.2.2).
 *
 * @example
 * findDecidingRule(policy, '/signals/private/a'); // { allow: false, pattern: '/signals/private/' }
 */
export function findDecidingRule(policy: RobotsPolicy, path: string): RobotsRule | undefined {
  const target = toMatchPath(path);
  let best: RobotsRule | undefined;
  for (const rule of policy.rules) {
    if (!matchesPathPattern(rule.pattern, target)) continue;
    const longer = !best || rule.pattern.length > best.pattern.length;
    const tieToAllow = best !== undefined && rule.pattern.length === best.pattern.length && rule.allow && !best.allow;
    if (longer || tieToAllow) best = rule;
  }
  return best;
}

/**
 * Whether a policy lets the crawler fetch a path or URL.
 *
 * @example
 * isPathAllowed(site.robots, 'https://example.com/signals/private/a'); // false
 */
export function isPathAllowed(policy: RobotsPolicy, path: string): boolean {
  if (toMatchPath(path) === '/robots.txt') return true;
  return findDecidingRule(policy, path)?.allow ?? true;
}

/**
 * The usage rules that apply to a path: those with the longest matching pattern (all of them when
 * several share it — draft-ietf-aipref-attach §3.1 applies each, the most restrictive winning).
 *
 * @example
 * findUsageRules(policy, '/news/1'); // [{ field: 'Content-Usage', pattern: '/', preference: 'train-ai=n' }]
 */
export function findUsageRules(policy: RobotsPolicy, path: string): UsageRule[] {
  const target = toMatchPath(path);
  const matching = policy.usage.filter((rule) => matchesPathPattern(rule.pattern, target));
  const longest = Math.max(0, ...matching.map((rule) => rule.pattern.length));
  return matching.filter((rule) => rule.pattern.length === longest);
}

/**
 * Parse a robots.txt for one crawler. Never throws: anything unreadable is skipped.
 *
 * @param userAgentToken the crawler's product token (default: Lede's, from its User-Agent)
 * @example
 * const robots = parseRobotsTxt('User-agent: Lede\nDisallow: /private/\n\nLicense: https://example.com/rsl.xml');
 * robots.isAllowed('/private/a'); // false
 * robots.licenses;                // ['https://example.com/rsl.xml']
 */
export function parseRobotsTxt(text: string, userAgentToken: string = LEDE_PRODUCT_TOKEN): RobotsTxt {
  // A BOM, or what is left of a cut one (decoded as U+FFFD), would hide the first line's group.
  const { groups, licenses } = parseGroups(text.replace(/^(\uFEFF|\uFFFD+)/, ''));
  const token = userAgentToken.toLowerCase();
  const ours = groups.filter((group) => group.agents.includes(token));
  const chosen = ours.length > 0 ? ours : groups.filter((group) => group.agents.includes('*'));
  const policy: RobotsPolicy = {
    ...(chosen.length > 0 ? { group: ours.length > 0 ? userAgentToken : '*' } : {}),
    rules: chosen.flatMap((group) => group.rules),
    usage: chosen.flatMap((group) => group.usage),
    licenses,
  };
  const usageLines = policy.usage.map((rule) => `${rule.field}: ${rule.pattern} ${rule.preference}`);
  return {
    policy,
    licenses,
    ...(usageLines.length > 0 ? { contentUsage: usageLines.join('\n') } : {}),
    isAllowed: (path) => isPathAllowed(policy, path),
  };
}
