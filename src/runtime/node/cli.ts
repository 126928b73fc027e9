/**
 * @module runtime/node/cli
 * `npm run refresh -- [id…] [--json]`, `npm run audit -- [id…]` and
 * `npm run extract -- <file-or-url>… [--feed id] [--base URL] [--share 0.3] [--json]`.
 * Thin shells: refresh goes through the same runner as cron and the admin route; audit runs the same
 * `auditFeed` as `GET /feeds/{id}/audit`; extract runs the extract and licence stages on pages without
 * storing anything.
 */
import { parseArgs } from 'node:util';
import { parseRuntimeConfig, type RuntimeConfig } from '../../core/config/runtime-config.ts';
import { formatProblem, type DefinitionProblem } from '../../core/config/feed-definition.ts';
import { toLedeError } from '../../core/errors.ts';
import type { Log } from '../../core/ports.ts';
import type { RefreshReport } from '../../core/store.ts';
import { auditFeed } from '../../core/refresh/audit-feed.ts';
import type { FeedDefinition } from '../../core/types.ts';
import { runCheck } from './cli-check.ts';
import { extractPage, loadExtractFeed } from './cli-extract.ts';
import { pickFeeds } from './cli-feeds.ts';
import { createRefreshDisplay, parseRefreshArgs, refreshWithProgress } from './cli-refresh.ts';
import { createNodeFetchPage } from './fetch-page.ts';
import { createNodeLog } from './log.ts';
import { resolveCliPublicUrl } from './public-url.ts';
import { openNodeDeps } from './server.ts';

const USAGE = `usage:
  npm run refresh -- [id…] [--json]
  npm run audit -- [id…]
  npm run check -- [id…]
  npm run extract -- <file-or-url>… [--feed id] [--base URL] [--share 0.3] [--json]
  npm run extract -- --help`;

type Opened = Awaited<ReturnType<typeof openNodeDeps>>;

/**
 * Open the Node deps, pick the named feeds (all without ids), run `work` over them, close the store.
 * Exit code: 0 when `work` says every feed passed, 1 otherwise or for an invalid definition, 2 for an unknown id.
 */
async function runOverFeeds(
  ids: readonly string[],
  work: (feeds: FeedDefinition[], opened: Opened, config: RuntimeConfig) => Promise<boolean>,
  wrapLog: (log: Log) => Log = (log) => log,
): Promise<number> {
  const { config, why } = await resolveCliPublicUrl(parseRuntimeConfig(process.env), process.env);
  process.stderr.write(`lede: ${why}\n`);
  const opened = await openNodeDeps(config, wrapLog(createNodeLog(config.logLevel, { format: config.logFormat })));
  try {
    const feeds = pickFeeds(opened, ids);
    if (typeof feeds === 'number') return feeds;
    return (await work(feeds, opened, config)) ? 0 : 1;
  } finally {
    await opened.store.close();
  }
}

/** One stderr line per feed whose source failed, and per invalid definition: which, and why. */
function reportFailures(reports: readonly RefreshReport[], problems: readonly DefinitionProblem[]): boolean {
  for (const report of reports.filter((each) => !each.ok)) {
    const why = report.errors.map((error) => `${error.code}: ${error.message} (${error.url})`).join('; ');
    process.stderr.write(`lede: feed ${report.feedId} failed: ${why}\n`);
  }
  for (const problem of problems) process.stderr.write(`lede: invalid definition ${formatProblem(problem)}\n`);
  return reports.every((report) => report.ok) && problems.length === 0;
}

/**
 * A report per feed (src/runtime/node/cli-refresh.ts); passes when every source was read and (without ids,
 * when every feed is meant) every definition is valid.
 */
async function runRefresh(rest: readonly string[]): Promise<number> {
  const args = parseRefreshArgs(rest);
  if (args instanceof Error) {
    process.stderr.write(`lede: ${args.message}\n${USAGE}\n`);
    return 2;
  }
  const display = createRefreshDisplay(args);
  return runOverFeeds(
    args.ids,
    async (feeds, opened, config) => {
      const reports = await refreshWithProgress(feeds, opened, config, args, display);
      return reportFailures(reports, args.ids.length === 0 ? opened.problems : []);
    },
    (log) => display.wrapLog(log),
  );
}

/** One JSON report per feed; passes when every stored item passes, fails when any would break the rules. */
function runAudit(ids: readonly string[]): Promise<number> {
  return runOverFeeds(ids, async (feeds, { deps }) => {
    let ok = true;
    for (const feed of feeds) {
      const report = await auditFeed(deps, feed);
      ok &&= report.ok;
      process.stdout.write(`${JSON.stringify(report)}\n`);
    }
    return ok;
  });
}

const EXTRACT_OPTIONS = {
  base: { type: 'string' },
  share: { type: 'string' },
  feed: { type: 'string' },
  json: { type: 'boolean' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** The extract arguments, or an exit code after printing usage (0 for `--help`, 2 for a mistake). */
function parseExtractArgs(args: readonly string[]) {
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], allowPositionals: true, options: EXTRACT_OPTIONS });
  } catch (error) {
    process.stderr.write(`lede: ${error instanceof Error ? error.message : String(error)}\n${USAGE}\n`);
    return 2;
  }
  const { values, positionals } = parsed;
  if (values.help) {
    process.stdout.write(`${USAGE}\n`);
    return 0;
  }
  if (positionals.length === 0) {
    process.stderr.write(`lede: extract needs a file or URL\n${USAGE}\n`);
    return 2;
  }
  // Validated only when given: the default share (0.3, or the feed's) needs no checking.
  const maxShare = values.share === undefined ? undefined : Number(values.share);
  if (maxShare !== undefined && !(maxShare > 0 && maxShare <= 1)) {
    process.stderr.write(`lede: --share must be greater than 0 and at most 1 (got ${values.share ?? ''})\n`);
    return 2;
  }
  return { positionals, maxShare, base: values.base, feedId: values.feed };
}

async function runExtract(args: readonly string[]): Promise<number> {
  const parsed = parseExtractArgs(args);
  if (typeof parsed === 'number') return parsed;
  const { positionals, maxShare, base, feedId } = parsed;
  const feed =
    feedId === undefined ? undefined : await loadExtractFeed(parseRuntimeConfig(process.env).feedsDir, feedId);
  if (typeof feed === 'number') return feed;
  const fetchPage = createNodeFetchPage();
  let status = 0;
  for (const input of positionals) {
    try {
      // `--base ''` counts as no base: the file's own URL is used.
      const options = {
        ...(maxShare === undefined ? {} : { maxShare }),
        ...(base ? { base } : {}),
        ...(feed ? { feed } : {}),
      };
      const line = await extractPage(fetchPage, input, options);
      process.stdout.write(`${JSON.stringify(line)}\n`);
    } catch (error) {
      const { code, message } = toLedeError(error);
      process.stdout.write(`${JSON.stringify({ input, error: { code, message } })}\n`);
      status = 1;
    }
  }
  return status;
}

const COMMANDS: Readonly<Record<string, (args: readonly string[]) => Promise<number>>> = {
  refresh: runRefresh,
  audit: runAudit,
  extract: runExtract,
  check: runCheck,
};

const [command, ...rest] = process.argv.slice(2);
try {
  const run = command === undefined ? undefined : COMMANDS[command];
  const status = run ? await run(rest) : 2;
  if (!run) process.stderr.write(`${USAGE}\n`);
  process.exitCode = status;
} catch (error) {
  process.stderr.write(`lede: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
}
