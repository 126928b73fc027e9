/**
 * @module bench/lede-parts
 * Lede's real parts for in-process cases, through its public entry points only: a feed definition checked
 * by the real loader, a SQLite store file in a temp folder, the Node fetcher (undici) and the core's
 * refresh runner — with a log that drops everything and the wall clock.
 */
import { mkdir, mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseFeedDefinition } from '../src/core/config/feed-definition.ts';
import type { CoreDeps, Log } from '../src/core/ports.ts';
import { createRefreshRunner, type RefreshRunner } from '../src/core/refresh/refresh-runner.ts';
import type { Store } from '../src/core/store.ts';
import type { FeedDefinition } from '../src/core/types.ts';
import { createNodeFetchPage } from '../src/runtime/node/fetch-page.ts';
import { nodeSha256Hex } from '../src/runtime/node/sha256-hex.ts';
import { openSqliteStore } from '../src/store/sqlite.ts';

export const PUBLIC_URL = 'http://lede.bench';
const silentLog: Log = () => undefined;

/** A definition (as in feeds/<id>.json) for the bench site's listing of `items` articles; no `article` selectors: the general extractor. */
export function rawBenchFeed(id: string, origin: string, items: number): Record<string, unknown> {
  return {
    title: `Bench ${id}`,
    site: `${origin}/`,
    language: 'en',
    source: { type: 'feed', url: `${origin}/feed/${String(items)}.xml` },
    license: { maxShare: 0.3, attribution: 'The Bench Monitor' },
    // A leap day: the ticker of a Lede started by the bench never refreshes on its own.
    schedule: '0 0 29 2 *',
    maxItems: 50,
  };
}

/**
 * A FEEDS_DIR under `dir` holding one definition, `bench`, of the site's 50-item listing; returns its path.
 * @example const feedsDir = await writeBenchFeedsDir(dir, site.origin)
 */
export async function writeBenchFeedsDir(dir: string, origin: string): Promise<string> {
  const feedsDir = path.join(dir, 'feeds');
  await mkdir(feedsDir);
  await writeFile(path.join(feedsDir, 'bench.json'), JSON.stringify(rawBenchFeed('bench', origin, 50)));
  return feedsDir;
}

/** `rawBenchFeed` checked by the real loader. */
export function benchFeed(id: string, origin: string, items: number): FeedDefinition {
  const raw = { ...rawBenchFeed(id, origin, items), maxItems: Math.max(50, Math.min(items, 1000)) };
  const parsed = parseFeedDefinition(id, raw, `${id}.json`);
  if (!parsed.ok) throw new Error(`bench definition ${id} is invalid: ${JSON.stringify(parsed.problems)}`);
  return parsed.definition;
}

export interface LedeParts {
  readonly store: Store;
  readonly deps: CoreDeps;
  readonly runner: RefreshRunner;
  readonly file: string;
  /** Bytes of the database file and its WAL. */
  databaseBytes(): Promise<number>;
  close(): Promise<void>;
}

/** @example const lede = await openLedeParts(); await lede.runner.refresh(feed, { byHand: true }) */
export async function openLedeParts(dir?: string): Promise<LedeParts> {
  const folder = dir ?? (await mkdtemp(path.join(tmpdir(), 'lede-bench-')));
  const file = path.join(folder, 'lede.sqlite');
  const store = await openSqliteStore(file);
  const deps: CoreDeps = {
    fetchPage: createNodeFetchPage(),
    store,
    clock: () => new Date(),
    log: silentLog,
    sha256: nodeSha256Hex,
  };
  const runner = createRefreshRunner(deps, { publicUrl: PUBLIC_URL, maxPages: 100_000 });
  const size = async (name: string) => (await stat(name).catch(() => undefined))?.size ?? 0;
  return {
    store,
    deps,
    runner,
    file,
    databaseBytes: async () => (await size(file)) + (await size(`${file}-wal`)),
    async close() {
      await store.close();
      if (dir === undefined) await rm(folder, { recursive: true, force: true });
    },
  };
}
