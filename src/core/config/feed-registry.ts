/**
 * @module core/config/feed-registry
 * The definitions a running Lede serves, kept in one place that every reader consults per use: the routes
 * (index, OPML, feeds, previews, health, admin), the ticker and the combined feed all call `current()`, so
 * a reload that swaps the set is seen by the next request or tick, never half-applied (the set is replaced
 * as a whole, never edited in place).
 *
 * `reconcileDefinitions` is the rule a reload follows, pure so both the watch and the admin route share it:
 * a valid file is served as it now reads; an invalid new version of a file that was valid keeps the previous
 * version running (and is listed as a problem, so /healthz says `degraded`); a file that is gone stops its
 * feed being served and scheduled. What the store holds for a removed feed is left alone: the feed answers
 * 404 like an unknown one, and serves its items again if its file comes back.
 */
import type { FeedDefinition } from '../types.ts';
import { formatProblem, loadFeedDefinitions, type DefinitionFile, type DefinitionProblem } from './feed-definition.ts';

/** The valid definitions by id, and the reasons the others were refused. */
export interface FeedSet {
  readonly feeds: ReadonlyMap<string, FeedDefinition>;
  readonly problems: readonly DefinitionProblem[];
}

/** The live set: `replace` swaps it atomically; readers call `current()` each time they need it. */
export interface FeedRegistry {
  current(): FeedSet;
  replace(next: FeedSet): void;
}

/** One definition that changed, and its file. */
export interface DefinitionChange {
  readonly feed: string;
  readonly file: string;
}

/** A file that is now invalid; `kept`: its previous valid version keeps running. */
export interface InvalidDefinition extends DefinitionChange {
  readonly kept: boolean;
  readonly problems: readonly DefinitionProblem[];
}

/** What a reload did (`POST /admin/reload` answers it); `problems` lists every invalid definition now. */
export interface ReloadReport {
  readonly added: readonly DefinitionChange[];
  readonly changed: readonly DefinitionChange[];
  readonly removed: readonly DefinitionChange[];
  /** Files that became invalid, or whose reasons changed, in this reload. */
  readonly invalid: readonly InvalidDefinition[];
  readonly problems: readonly DefinitionProblem[];
}

/**
 * @example const registry = createFeedRegistry({ feeds, problems }); registry.current().feeds.get('monitor')
 */
export function createFeedRegistry(initial: FeedSet): FeedRegistry {
  let set = initial;
  return {
    current: () => set,
    replace(next) {
      set = next;
    },
  };
}

/**
 * The feed id a definition file names (its base name without `.json`): how an invalid file, which has no
 * definition, is matched to the feed it would define.
 * @example feedIdOfFile('feeds/monitor.json') // 'monitor'
 */
export function feedIdOfFile(file: string): string {
  const name = file.split(/[\\/]/).pop() ?? file;
  return name.endsWith('.json') ? name.slice(0, -'.json'.length) : name;
}

/**
 * The reasons the definition of `id` was refused (none when it is valid or absent).
 * @example problemsOfFeed(registry.current().problems, 'badfile')
 */
export function problemsOfFeed(problems: readonly DefinitionProblem[], id: string): DefinitionProblem[] {
  return problems.filter((problem) => feedIdOfFile(problem.file) === id);
}

/** JSON with sorted keys: two definitions are the same when they say the same, whatever their key order. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${canonicalJson(inner)}`).join(',')}}`;
  }
  // JSON.stringify gives undefined for undefined, which its lib type leaves out.
  const text = JSON.stringify(value) as string | undefined;
  return text ?? 'null';
}

function describeProblems(problems: readonly DefinitionProblem[]): string {
  return problems.map(formatProblem).join('\n');
}

/**
 * The next set from the files as they read now, and what changed from `previous`. `fileOf` names the file
 * of a removed feed (it is no longer among `files`).
 *
 * @example
 * const { next, report } = reconcileDefinitions(registry.current(), files, (id) => `feeds/${id}.json`);
 * registry.replace(next);
 */
export function reconcileDefinitions(
  previous: FeedSet,
  files: readonly DefinitionFile[],
  fileOf: (id: string) => string,
): { next: FeedSet; report: ReloadReport } {
  const feeds = new Map<string, FeedDefinition>();
  const problems: DefinitionProblem[] = [];
  const added: DefinitionChange[] = [];
  const changed: DefinitionChange[] = [];
  const invalid: InvalidDefinition[] = [];
  for (const { id, file, text } of [...files].sort((a, b) => a.id.localeCompare(b.id))) {
    const loaded = loadFeedDefinitions([{ id, file, text }]);
    const definition = loaded.definitions.get(id);
    const before = previous.feeds.get(id);
    if (definition) {
      feeds.set(id, definition);
      if (!before) added.push({ feed: id, file });
      else if (canonicalJson(before) !== canonicalJson(definition)) changed.push({ feed: id, file });
      continue;
    }
    problems.push(...loaded.problems);
    if (before) feeds.set(id, before);
    // Reported once, when the file turns invalid or its reasons change, not at every reload.
    if (describeProblems(loaded.problems) !== describeProblems(problemsOfFeed(previous.problems, id)))
      invalid.push({ feed: id, file, kept: before !== undefined, problems: loaded.problems });
  }
  const removed = [...previous.feeds.keys()]
    .filter((id) => !feeds.has(id))
    .map((id) => ({ feed: id, file: fileOf(id) }));
  return { next: { feeds, problems }, report: { added, changed, removed, invalid, problems } };
}
