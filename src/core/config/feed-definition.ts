/**
 * @module core/config/feed-definition
 * Parses `feeds/<id>.json` into a frozen, typed `FeedDefinition` (valibot schema). A bad definition is
 * reported with its file, the field's dotted path and the reason; the other definitions still load.
 */
import * as v from 'valibot';
import { describeCronProblem } from '../schedule/cron.ts';
import type { FeedDefinition } from '../types.ts';
import { COMBINED_FEED_ID } from '../feed-formats.ts';

const DEFAULT_SCHEDULE = '*/30 * * * *';
const DEFAULT_MAX_ITEMS = 50;

/** Feed ids appear in URLs (`/feeds/{id}.rss`), so they are restricted to a URL-safe alphabet. */
const FEED_ID = /^[a-z0-9][a-z0-9_-]{0,63}$/;

const httpUrl = v.pipe(
  v.string(),
  v.url('must be an absolute URL'),
  v.check((value) => /^https?:/i.test(value), 'must be an http(s) URL'),
);
const selector = v.pipe(v.string(), v.trim(), v.nonEmpty('must be a non-empty CSS selector'));

const sourceSchema = v.variant('type', [
  v.strictObject({ type: v.literal('feed'), url: httpUrl }),
  v.strictObject({ type: v.literal('sitemap'), url: httpUrl }),
  v.strictObject({
    type: v.literal('html'),
    url: httpUrl,
    links: selector,
    next: v.optional(selector),
    pages: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(50)), 1),
  }),
]);

/** An embargo such as "30m", "2h" or "1d": a whole number of minutes, hours or days. */
const DELAY = /^(\d{1,6})(m|h|d)$/;
const DELAY_UNIT_MS: Readonly<Record<string, number>> = { m: 60_000, h: 3_600_000, d: 86_400_000 };

/**
 * The embargo of `license.delay` in milliseconds (0 when there is none).
 * @example parseDelay('2h') // 7200000
 */
export function parseDelay(delay: string | undefined): number {
  const match = delay === undefined ? null : DELAY.exec(delay);
  return match ? Number(match[1]) * (DELAY_UNIT_MS[match[2] ?? ''] ?? 0) : 0;
}

/** The backlink template must name the source exactly once (the licence's attribution requirement). */
function hasOneAttributionSlot(template: string): boolean {
  return template.split('{attribution}').length === 2;
}

const licenseSchema = v.strictObject({
  maxShare: v.pipe(
    v.number(),
    v.check((n) => n > 0 && n <= 1, 'must be greater than 0 and at most 1'),
  ),
  maxWords: v.optional(
    v.pipe(v.number(), v.integer('must be a whole number of words'), v.minValue(0, 'must be 0 or more')),
  ),
  attribution: v.pipe(v.string(), v.trim(), v.nonEmpty('must name the source')),
  attributionText: v.optional(
    v.pipe(v.string(), v.trim(), v.check(hasOneAttributionSlot, 'must contain {attribution} exactly once')),
  ),
  terms: v.optional(v.string()),
  termsUrl: v.optional(httpUrl),
  images: v.optional(v.union([v.boolean(), v.literal('credited')], 'must be true, false or "credited"')),
  delay: v.optional(v.pipe(v.string(), v.regex(DELAY, 'must be a duration like "30m", "2h" or "1d"'))),
  explicit: v.optional(v.boolean()),
});

const definitionSchema = v.strictObject({
  title: v.pipe(v.string(), v.trim(), v.nonEmpty('must not be empty')),
  site: httpUrl,
  language: v.optional(
    v.pipe(v.string(), v.regex(/^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})*$/, 'must be a BCP 47 language tag')),
  ),
  description: v.optional(v.string()),
  source: sourceSchema,
  article: v.optional(
    v.strictObject({
      content: v.optional(selector),
      title: v.optional(selector),
      published: v.optional(selector),
      author: v.optional(selector),
      remove: v.optional(v.array(selector), []),
      timezone: v.optional(v.pipe(v.string(), v.regex(/^(Z|[+-]\d{2}:\d{2})$/, 'must be an offset like +05:00'))),
    }),
  ),
  license: licenseSchema,
  enabled: v.optional(v.boolean()),
  schedule: v.optional(
    v.pipe(
      v.string(),
      // The core's own cron (Vixie semantics) decides what is due on every runtime, so what passes here runs.
      v.check(
        (text) => describeCronProblem(text) === undefined,
        (issue) => `must be a five-field cron expression: ${describeCronProblem(issue.input) ?? ''}`,
      ),
    ),
    DEFAULT_SCHEDULE,
  ),
  maxItems: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1000)), DEFAULT_MAX_ITEMS),
});

/** One reason a definition was refused. */
export interface DefinitionProblem {
  readonly file: string;
  /** Dotted path of the field, or `(root)`. */
  readonly field: string;
  readonly reason: string;
}

export type DefinitionResult =
  | { readonly ok: true; readonly definition: FeedDefinition }
  | { readonly ok: false; readonly problems: readonly DefinitionProblem[] };

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object') {
    for (const inner of Object.values(value)) deepFreeze(inner);
    Object.freeze(value);
  }
  return value;
}

/**
 * Validate one definition. `file` is only used in messages; the id is the file name without `.json`.
 * @example parseFeedDefinition('qazmonitor', JSON.parse(text), 'feeds/qazmonitor.json')
 */
export function parseFeedDefinition(id: string, input: unknown, file: string): DefinitionResult {
  if (!FEED_ID.test(id)) {
    return {
      ok: false,
      problems: [{ file, field: '(file name)', reason: `feed id "${id}" must match ${FEED_ID.source}` }],
    };
  }
  if (id === COMBINED_FEED_ID) {
    const reason = `feed id "${id}" is reserved for the combined feed /feeds/${id}.{rss,atom,json}; rename the file`;
    return { ok: false, problems: [{ file, field: '(file name)', reason }] };
  }
  const result = v.safeParse(definitionSchema, input);
  if (!result.success) {
    const problems = result.issues.map((issue) => ({
      file,
      field: v.getDotPath(issue) ?? '(root)',
      reason: issue.message,
    }));
    return { ok: false, problems };
  }
  const definition: FeedDefinition = { id, ...result.output };
  return { ok: true, definition: deepFreeze(definition) };
}

/** Parse a definition file's text (JSON), reporting a syntax error like any other problem. */
function parseFeedDefinitionText(id: string, text: string, file: string): DefinitionResult {
  let input: unknown;
  try {
    input = JSON.parse(text);
  } catch (error) {
    return { ok: false, problems: [{ file, field: '(root)', reason: `not valid JSON: ${(error as Error).message}` }] };
  }
  return parseFeedDefinition(id, input, file);
}

/** Human-readable one-liner for logs: `feeds/x.json: license.maxShare: must be greater than 0 and at most 1`. */
export function formatProblem(problem: DefinitionProblem): string {
  return `${problem.file}: ${problem.field}: ${problem.reason}`;
}

/** A definition file as a runtime found it: Node reads `FEEDS_DIR`, the Worker bundles it at build time. */
export interface DefinitionFile {
  readonly id: string;
  readonly file: string;
  readonly text: string;
}

/**
 * Validate every definition file; good ones load, bad ones are reported and skipped.
 * @example const { definitions, problems } = loadFeedDefinitions(files)
 */
export function loadFeedDefinitions(files: readonly DefinitionFile[]): {
  definitions: ReadonlyMap<string, FeedDefinition>;
  problems: readonly DefinitionProblem[];
} {
  const definitions = new Map<string, FeedDefinition>();
  const problems: DefinitionProblem[] = [];
  for (const { id, file, text } of [...files].sort((a, b) => a.id.localeCompare(b.id))) {
    const result = parseFeedDefinitionText(id, text, file);
    if (result.ok) definitions.set(id, result.definition);
    else problems.push(...result.problems);
  }
  return { definitions, problems };
}
