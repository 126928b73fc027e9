/**
 * @module runtime/node/cli-check
 * `npm run check -- [id…]`: the tool to write a definition with. Validates every definition, reads each
 * feed's source once and its first entry's article through the feed's selectors and licence
 * (src/core/refresh/check-feed.ts), and prints a table: feed · source · entries · words · excerpt · signals,
 * then a line per failure saying why. Exit 0 when every feed passed, 1 on an invalid definition, a failed
 * source or an article that could not be read, 2 for a usage error or an unknown id.
 *
 * It stores nothing: DATA_DIR is not opened (the sites' robots.txt and tdmrep.json are kept in an in-memory
 * store for the run only), so it can run beside a server, or before one was ever started.
 */
import { parseArgs } from 'node:util';
import { problemsOfFeed, feedIdOfFile } from '../../core/config/feed-registry.ts';
import { parseRuntimeConfig } from '../../core/config/runtime-config.ts';
import type { CoreDeps } from '../../core/ports.ts';
import { checkFeed, formatCheckTable, invalidDefinitionRow, type FeedCheck } from '../../core/refresh/check-feed.ts';
import { openSqliteStore } from '../../store/sqlite.ts';
import { reportUnknown } from './cli-feeds.ts';
import { readFeedDefinitions } from './feeds.ts';
import { createNodeFetchPage } from './fetch-page.ts';
import { createNodeLog } from './log.ts';
import { nodeSha256Hex } from './sha256-hex.ts';

const USAGE = 'usage: npm run check -- [id…]   (all feeds without ids)';

/** The ids to check, or an exit code after printing usage (0 for `--help`, 2 for a mistake). */
function parseCheckArgs(args: readonly string[]): string[] | number {
  try {
    const { values, positionals } = parseArgs({
      args: [...args],
      allowPositionals: true,
      options: { help: { type: 'boolean', short: 'h' } },
    });
    if (!values.help) return positionals;
    process.stdout.write(`${USAGE}\n`);
    return 0;
  } catch (error) {
    process.stderr.write(`lede: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }
}

/**
 * @example process.exitCode = await runCheck(['monitor'])
 */
export async function runCheck(args: readonly string[]): Promise<number> {
  const ids = parseCheckArgs(args);
  if (typeof ids === 'number') return ids;
  const config = parseRuntimeConfig(process.env);
  const { definitions, problems } = await readFeedDefinitions(config.feedsDir);
  const invalidIds = new Set(problems.map((problem) => feedIdOfFile(problem.file)));
  const unknown = ids.filter((id) => !definitions.has(id) && !invalidIds.has(id));
  if (unknown.length > 0) {
    reportUnknown(definitions, unknown);
    return 2;
  }
  const wanted = ids.length > 0 ? ids : [...new Set([...definitions.keys(), ...invalidIds])].sort();
  const store = await openSqliteStore(':memory:');
  const log = createNodeLog(config.logLevel, { format: config.logFormat });
  const deps: CoreDeps = {
    fetchPage: createNodeFetchPage(),
    store,
    clock: () => new Date(),
    log,
    sha256: nodeSha256Hex,
  };
  try {
    const rows: FeedCheck[] = [];
    for (const id of wanted) {
      const feed = definitions.get(id);
      rows.push(feed ? await checkFeed(deps, feed) : invalidDefinitionRow(id, problemsOfFeed(problems, id)));
    }
    process.stdout.write(formatCheckTable(rows));
    return rows.every((row) => row.ok) ? 0 : 1;
  } finally {
    await store.close();
  }
}
