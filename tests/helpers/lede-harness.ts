/**
 * @module tests/helpers/lede-harness
 * Real parts for end-to-end tests: the fixture news site on loopback, a SQLite file in a temp folder,
 * the undici fetcher, and the fixture feed definitions validated by the real loader. Only the clock is
 * the test's, so output is reproducible.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { parseFeedDefinition } from '../../src/core/config/feed-definition.ts';
import type { CoreDeps } from '../../src/core/ports.ts';
import { silentLog } from './silent-log.ts';
import type { FeedDefinition } from '../../src/core/types.ts';
import { createNodeFetchPage } from '../../src/runtime/node/fetch-page.ts';
import { openSqliteStore } from '../../src/store/sqlite.ts';
import type { Store } from '../../src/core/store.ts';
import { fixtureFeedDefinitions } from '../fixtures/site/definitions.ts';
import { startFixtureSite, type FixtureSite } from '../fixtures/site/server.ts';

export const PUBLIC_URL = 'http://lede.test';

export interface Harness {
  readonly site: FixtureSite;
  readonly store: Store;
  readonly deps: CoreDeps;
  readonly dir: string;
  readonly feeds: Map<string, FeedDefinition>;
  /** Move the test clock. */
  setNow(iso: string): void;
  close(): Promise<void>;
}

/** Validate a fixture definition with the real loader, optionally overriding fields. */
export function loadFixtureFeed(origin: string, id: string, overrides: Record<string, unknown> = {}): FeedDefinition {
  const raw = fixtureFeedDefinitions(origin)[id];
  const result = parseFeedDefinition(id, { ...raw, ...overrides }, `${id}.json`);
  if (!result.ok) throw new Error(`fixture definition ${id} is invalid: ${JSON.stringify(result.problems)}`);
  return result.definition;
}

export async function openHarness(options: { now?: string } = {}): Promise<Harness> {
  const site = await startFixtureSite();
  const dir = await mkdtemp(path.join(tmpdir(), 'lede-test-'));
  const store = await openSqliteStore(path.join(dir, 'lede.sqlite'));
  let now = new Date(options.now ?? '2025-03-12T12:00:00Z');
  const deps: CoreDeps = { fetchPage: createNodeFetchPage(), store, clock: () => now, log: silentLog };
  const feeds = new Map(
    Object.keys(fixtureFeedDefinitions(site.origin)).map((id) => [id, loadFixtureFeed(site.origin, id)]),
  );
  return {
    site,
    store,
    deps,
    dir,
    feeds,
    setNow(iso) {
      now = new Date(iso);
    },
    async close() {
      await store.close();
      await site.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
