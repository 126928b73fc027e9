/**
 * @module runtime/node/cli-feeds
 * The feeds a CLI command names (`npm run refresh|audit|check -- [id…]`; all without ids). An id whose file
 * exists but is invalid is reported as such — file, field and reason — not as an unknown feed.
 */
import { formatProblem, type DefinitionProblem } from '../../core/config/feed-definition.ts';
import { problemsOfFeed } from '../../core/config/feed-registry.ts';
import type { FeedDefinition } from '../../core/types.ts';

/** Exit codes of the CLI: an invalid definition fails the command (1), an unknown id is a usage error (2). */
const INVALID = 1;
const UNKNOWN = 2;

/**
 * Say on stderr which ids name no file at all (nothing when `unknown` is empty).
 * @example reportUnknown(definitions, ['typo'])
 */
export function reportUnknown(definitions: ReadonlyMap<string, FeedDefinition>, unknown: readonly string[]): void {
  if (unknown.length === 0) return;
  process.stderr.write(`lede: no such feed: ${unknown.join(', ')} (defined: ${[...definitions.keys()].join(', ')})\n`);
}

/**
 * The named feeds (default: all), or the exit code after reporting invalid and unknown ids on stderr.
 * @example const feeds = pickFeeds(opened, ['monitor']); if (typeof feeds === 'number') return feeds;
 */
export function pickFeeds(
  loaded: {
    readonly definitions: ReadonlyMap<string, FeedDefinition>;
    readonly problems: readonly DefinitionProblem[];
  },
  ids: readonly string[],
): FeedDefinition[] | number {
  const { definitions, problems } = loaded;
  const missing = ids.filter((id) => !definitions.has(id));
  const invalid = missing.flatMap((id) => problemsOfFeed(problems, id));
  for (const problem of invalid) process.stderr.write(`lede: invalid definition ${formatProblem(problem)}\n`);
  const unknown = missing.filter((id) => problemsOfFeed(problems, id).length === 0);
  reportUnknown(definitions, unknown);
  if (missing.length > 0) return unknown.length > 0 ? UNKNOWN : INVALID;
  return ids.length > 0 ? ids.flatMap((id) => definitions.get(id) ?? []) : [...definitions.values()];
}
