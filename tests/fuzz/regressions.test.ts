/**
 * @module tests/fuzz/regressions
 * Every crasher the fuzzing found, kept as an input under tests/fuzz/regressions/ and replayed through the
 * check that caught it. A file is `{ "check": "<name below>", "found": "what broke, and the fix", "input": "…" }`
 * (JSON, so NULs, lone surrogates and control characters survive editors and Git as escapes).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { describe, it } from 'vitest';
import { CHECKS } from './checks.ts';
import type { SourcedItem } from '../../src/core/render/feed-parts.ts';
import type { FeedMeta } from '../../src/core/types.ts';
import { checkArticlePage, checkFeedItems, checkRenditions } from './pipeline-checks.ts';

const ALL_CHECKS: Readonly<Record<string, (input: string) => unknown>> = {
  ...CHECKS,
  'article-page': (input) => checkArticlePage(input),
  'feed-items': (input) => checkFeedItems(input),
  // The input: JSON of [feed meta, items].
  render: (input) => {
    checkRenditions(JSON.parse(input) as [FeedMeta, SourcedItem[]]);
  },
};

interface Regression {
  readonly check: string;
  readonly found: string;
  readonly input: string;
}

const folder = new URL('./regressions/', import.meta.url);
const regressions = readdirSync(folder)
  .filter((name) => name.endsWith('.json'))
  .sort()
  .map((name) => [name, JSON.parse(readFileSync(new URL(name, folder), 'utf8')) as Regression] as const);

describe('fuzz regressions: each kept crasher passes its check', () => {
  it.each(regressions)('%s', async (_name, { check, input }) => {
    const run = ALL_CHECKS[check];
    if (run === undefined) throw new Error(`unknown check ${check}; known: ${Object.keys(ALL_CHECKS).join(', ')}`);
    await run(input);
  });
});
