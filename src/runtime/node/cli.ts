/**
 * @module runtime/node/cli
 * `npm run refresh -- [id…]`, `npm run audit -- [id…]` and
 * `npm run extract -- <file-or-url>… [--base URL] [--share 0.3] [--json]`.
 * Thin shells: refresh goes through the same runner as cron and the admin route; audit runs the same
 * `auditFeed` as `GET /feeds/{id}/audit`; extract runs the extract and licence stages on pages without
 * storing anything.
 */
import { parseArgs } from 'node:util';
import { parseRuntimeConfig } from '../../core/config/runtime-config.ts';
import { formatProblem, type DefinitionProblem } from '../../core/config/feed-definition.ts';
import { toLedeError } from '../../core/errors.ts';
import type { RefreshReport } from '../../core/store.ts';
import { auditFeed } from '../../core/refresh/audit-feed.ts';
import type { FeedDefinition } from '../../core/types.ts';
import { extractPage } from './cli-extract.ts';
import { createNodeFetchPage } from './fetch-page.ts';
import { createNodeLog } from './log.ts';
import { openNodeDeps } from './server.ts';

/** The licence share `extract` cuts to when `--share` is not given (the default licence's). */
const DEFAULT_SHARE = 0.3;

const USAGE = `usage:
  npm run refresh -- [id…]
  npm run audit -- [id…]
  npm run extract -- <file-or-url>… [--base URL] [--share 0.3] [--json]
  npm run extract -- --help`;

/** The named feeds (default: all), or undefined after reporting unknown ids. */
function pickFeeds(
  definitions: ReadonlyMap<string, FeedDefinition>,
  ids: readonly string[],
): FeedDefinition[] | undefined {
  const unknown = ids.filter((id) => !definitions.has(id));
  if (unknown.length > 0) {
    process.stderr.write(
      `lede: no such feed: ${unknown.join(', ')} (defined: ${[...definitions.keys()].join(', ')})\n`,
    );
    return undefined;
  }
  return ids.length > 0 ? ids.flatMap((id) => definitions.get(id) ?? []) : [...definitions.values()];
}

type Opened = Awaited<ReturnType<typeof openNodeDeps>>;

/**
 * Open the Node deps, pick the named feeds (all without ids), run `work` over them, close the store.
 * Exit code: 0 when `work` says every feed passed, 1 otherwise, 2 for an unknown id.
 */
async function runOverFeeds(
  ids: readonly string[],
  work: (feeds: FeedDefinition[], opened: Opened) => Promise<boolean>,
): Promise<number> {
  const config = parseRuntimeConfig(process.env);
  const opened = await openNodeDeps(config, createNodeLog(config.logLevel, { format: config.logFormat }));
  try {
    const feeds = pickFeeds(opened.definitions, ids);
    if (!feeds) return 2;
    return (await work(feeds, opened)) ? 0 : 1;
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
 * One JSON report per feed; passes when every source was read and (without ids, when every feed is meant)
 * every definition is valid.
 */
function runRefresh(ids: readonly string[]): Promise<number> {
  return runOverFeeds(ids, async (feeds, { runner, problems }) => {
    const reports = await runner.refreshMany(feeds);
    for (const report of reports) process.stdout.write(`${JSON.stringify(report)}\n`);
    return reportFailures(reports, ids.length === 0 ? problems : []);
  });
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
  // Validated only when given: the default share (0.3) needs no checking.
  const maxShare = values.share === undefined ? DEFAULT_SHARE : Number(values.share);
  if (!(maxShare > 0 && maxShare <= 1)) {
    process.stderr.write(`lede: --share must be greater than 0 and at most 1 (got ${values.share ?? ''})\n`);
    return 2;
  }
  return { positionals, maxShare, base: values.base };
}

async function runExtract(args: readonly string[]): Promise<number> {
  const parsed = parseExtractArgs(args);
  if (typeof parsed === 'number') return parsed;
  const { positionals, maxShare, base } = parsed;
  const fetchPage = createNodeFetchPage();
  let status = 0;
  for (const input of positionals) {
    try {
      // `--base ''` counts as no base: the file's own URL is used.
      const line = await extractPage(fetchPage, input, { maxShare, ...(base ? { base } : {}) });
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
