/**
 * @module core/refresh/check-feed
 * `npm run check`: a definition tried end to end without publishing anything — its source read once
 * (discovery through the pull stage), and its first entry read through the same path a refresh takes
 * (robots.txt, fetch, extract with the feed's selectors, signals, licence: `processArticle`). What comes
 * back is one row for the operator's table: the source's status, the entries found, the sample article's
 * words, the share its excerpt takes and the publisher's signals.
 *
 * The deps' store only caches the site's robots.txt/tdmrep.json for the run: the CLI gives it an in-memory
 * store, so a check leaves nothing behind.
 */
import type { DefinitionProblem } from '../config/feed-definition.ts';
import { toLedeError } from '../errors.ts';
import { discoverEntries } from '../pull/discover-entries.ts';
import type { CoreDeps } from '../ports.ts';
import { formatShare } from '../share.ts';
import type { ArticleRecord } from '../store.ts';
import type { FeedDefinition, PublisherSignals } from '../types.ts';
import { processArticle } from './process-article.ts';

/** One feed checked: `ok` when its source was read and a sample article was extracted. */
export interface FeedCheck {
  readonly feed: string;
  readonly ok: boolean;
  /** `ok`, or the failure's code (`http-status 404`, `timeout`, …). */
  readonly source: string;
  readonly entries?: number;
  readonly sample?: {
    readonly url: string;
    readonly words: number;
    readonly share: number;
    readonly signals: readonly string[];
  };
  /** Why the check failed (source or sample), for the lines under the table. */
  readonly error?: { readonly code: string; readonly message: string; readonly url: string };
}

/** The publisher signals that change what may be published, as short flags (`nosnippet`, `max-snippet:120`…). */
function listSignals(signals: PublisherSignals): string[] {
  const flags: [boolean, string][] = [
    [signals.robotsDisallowed, 'robots-disallowed'],
    [signals.nosnippet, 'nosnippet'],
    [signals.maxSnippet !== undefined && signals.maxSnippet >= 0, `max-snippet:${String(signals.maxSnippet)}`],
    [signals.noarchive, 'noarchive'],
    [signals.tdmReserved, 'tdm-reserved'],
    [signals.paywalled, 'paywalled'],
    [signals.usageForbidden, 'usage-forbidden'],
    [signals.rslLicense !== undefined, 'rsl'],
  ];
  return flags.filter(([on]) => on).map(([, flag]) => flag);
}

/** The first entry through robots.txt → fetch → extract → license, as a refresh would read it. */
async function checkSample(deps: CoreDeps, feed: FeedDefinition, entry: ArticleRecord['entry']) {
  const now = deps.clock().toISOString();
  const record: ArticleRecord = {
    feedId: feed.id,
    sourceUrl: entry.url,
    entryHash: '',
    entry,
    state: 'pending',
    attempts: 0,
    discoveredAt: now,
  };
  const read = await processArticle(deps, feed, record);
  if (read.error) return { error: { ...read.error, url: entry.url } };
  const audit = read.audit;
  const signals = audit ? listSignals(audit.signals) : [];
  const sample = { url: entry.url, words: audit?.articleWords ?? 0, share: audit?.share ?? 0, signals };
  // A page Lede may not read (robots.txt) has no words to find; any other page without words is a selector miss.
  if (sample.words === 0 && !audit?.signals.robotsDisallowed) {
    return { sample, error: { code: 'no-article', message: 'no article text found on the page', url: entry.url } };
  }
  return { sample };
}

/**
 * Check one feed's definition against its live source. Never rejects: failures are in the row.
 * @example const row = await checkFeed({ ...deps, store: openSqliteStore(':memory:') }, feed)
 */
export async function checkFeed(deps: CoreDeps, feed: FeedDefinition): Promise<FeedCheck> {
  let entries: ArticleRecord['entry'][];
  try {
    const result = await discoverEntries(deps.fetchPage, feed.source, { maxItems: feed.maxItems });
    // No validators were sent, so a 304 would be the server's mistake: counted as nothing found.
    entries = result.status === 'ok' ? result.entries : [];
  } catch (error) {
    const { code, message, status } = toLedeError(error);
    const source = status === undefined ? code : `${code} ${String(status)}`;
    return { feed: feed.id, ok: false, source, error: { code, message, url: feed.source.url } };
  }
  const first = entries[0];
  if (!first) {
    const error = { code: 'no-entries', message: 'the source lists no entries', url: feed.source.url };
    return { feed: feed.id, ok: false, source: 'ok', entries: 0, error };
  }
  const { sample, error } = await checkSample(deps, feed, first);
  return {
    feed: feed.id,
    ok: error === undefined,
    source: 'ok',
    entries: entries.length,
    ...(sample ? { sample } : {}),
    ...(error ? { error } : {}),
  };
}

/**
 * The row of a definition that failed validation: it is not checked, and its reasons are the failure.
 * @example invalidDefinitionRow('badfile', problemsOfFeed(problems, 'badfile'))
 */
export function invalidDefinitionRow(feed: string, problems: readonly DefinitionProblem[]): FeedCheck {
  const message = problems.map((problem) => `${problem.field}: ${problem.reason}`).join('; ');
  const error = { code: 'invalid-definition', message, url: problems[0]?.file ?? feed };
  return { feed, ok: false, source: 'invalid definition', error };
}

const COLUMNS = ['feed', 'source', 'entries', 'words', 'excerpt', 'signals'] as const;

function toCells(row: FeedCheck): string[] {
  const { sample } = row;
  return [
    row.feed,
    row.source,
    row.entries === undefined ? '-' : String(row.entries),
    sample ? String(sample.words) : '-',
    sample ? formatShare(sample.share) : '-',
    sample ? sample.signals.join(',') || 'none' : '-',
  ];
}

/**
 * The rows as an aligned text table with a header, then one line per failure saying why.
 * @example process.stdout.write(formatCheckTable(rows))
 */
export function formatCheckTable(rows: readonly FeedCheck[]): string {
  const cells = [[...COLUMNS], ...rows.map(toCells)];
  const widths = COLUMNS.map((_, column) => Math.max(...cells.map((line) => line[column]?.length ?? 0)));
  const lines = cells.map((line) =>
    line
      .map((cell, column) => cell.padEnd(widths[column] ?? 0))
      .join('  ')
      .trimEnd(),
  );
  const failures = rows.flatMap(({ feed, error }) =>
    error ? [`${feed}: ${error.code}: ${error.message} (${error.url})`] : [],
  );
  return `${[...lines, ...(failures.length > 0 ? ['', ...failures] : [])].join('\n')}\n`;
}
