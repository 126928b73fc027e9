/**
 * @module tests/core/schedule/due-feeds
 * `selectDueFeeds`, the one decision both runtimes make on each tick, against a real SQLite store: the
 * Worker's policy (pending work is due, missed fire times are caught up) and Node's (`since`: only fire
 * times after the previous tick count; pending work waits for the schedule), with the same cron meaning.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { parseFeedDefinition } from '../../../src/core/config/feed-definition.ts';
import { selectDueFeeds } from '../../../src/core/schedule/due-feeds.ts';
import type { RefreshReport, Store } from '../../../src/core/store.ts';
import type { FeedDefinition } from '../../../src/core/types.ts';
import { openSqliteStore } from '../../../src/store/sqlite.ts';

let store: Store;

beforeEach(async () => {
  store = await openSqliteStore(':memory:');
});
afterEach(async () => {
  await store.close();
});

function feed(id: string, schedule: string): FeedDefinition {
  const result = parseFeedDefinition(
    id,
    {
      title: id,
      site: 'https://e.kz/',
      source: { type: 'feed', url: 'https://e.kz/rss' },
      license: { maxShare: 0.3, attribution: 'E' },
      schedule,
    },
    `${id}.json`,
  );
  if (!result.ok) throw new Error(`bad test definition ${id}`);
  return result.definition;
}

async function refreshedAt(feedId: string, iso: string, pending = 0): Promise<void> {
  const report: RefreshReport = {
    feedId,
    startedAt: iso,
    finishedAt: iso,
    ok: true,
    discovered: pending,
    fetched: 0,
    unchanged: 0,
    pending,
    failed: 0,
    changed: false,
    errors: [],
  };
  await store.putFeedState({ feedId, lastRefreshAt: iso, lastReport: report });
}

const feedsOf = (...definitions: FeedDefinition[]) =>
  new Map(definitions.map((definition) => [definition.id, definition]));
const ids = (feeds: FeedDefinition[]) => feeds.map((definition) => definition.id);
const at = (iso: string) => new Date(iso);
const WORKER = { continuePending: true } as const;

describe('selectDueFeeds on the Worker (continuePending, no since)', () => {
  it('is due when never refreshed, or when the schedule fired since the last refresh; oldest first', async () => {
    const feeds = feedsOf(feed('hourly', '0 * * * *'), feed('fresh', '0 * * * *'), feed('never', '0 0 1 1 *'));
    await refreshedAt('hourly', '2026-01-01T09:00:20Z');
    await refreshedAt('fresh', '2026-01-01T10:00:20Z');
    expect(ids(await selectDueFeeds(store, feeds, at('2026-01-01T10:05:00Z'), WORKER))).toEqual(['never', 'hourly']);
  });

  it('continues a feed with pending articles on every tick, and catches up a fire time it missed', async () => {
    const feeds = feedsOf(feed('yearly', '0 0 1 1 *'), feed('daily', '0 6 * * *'));
    await refreshedAt('yearly', '2026-03-01T00:00:00Z', 5);
    await refreshedAt('daily', '2026-03-01T06:00:30Z');
    expect(ids(await selectDueFeeds(store, feeds, at('2026-03-03T00:00:00Z'), WORKER))).toEqual(['yearly', 'daily']);
  });

  it('ORs restricted day fields: 0 0 13 * 5 is due on a Friday that is not the 13th', async () => {
    const feeds = feedsOf(feed('friday', '0 0 13 * 5'));
    await refreshedAt('friday', '2026-01-15T12:00:00Z');
    expect(ids(await selectDueFeeds(store, feeds, at('2026-01-16T00:05:00Z'), WORKER))).toEqual(['friday']);
  });
});

describe('selectDueFeeds on Node (since the previous tick, no pending continuation)', () => {
  it('counts only fire times after `since`: missed ones are not caught up, pending work waits', async () => {
    const feeds = feedsOf(feed('daily', '0 6 * * *'), feed('pending', '0 6 * * *'));
    await refreshedAt('daily', '2026-03-01T06:00:30Z');
    await refreshedAt('pending', '2026-03-02T06:00:30Z', 5);
    const options = { continuePending: false, since: at('2026-03-03T08:00:00Z') };
    expect(await selectDueFeeds(store, feeds, at('2026-03-03T08:01:00Z'), options)).toEqual([]);
    const nextMorning = { continuePending: false, since: at('2026-03-04T05:59:00Z') };
    expect(ids(await selectDueFeeds(store, feeds, at('2026-03-04T06:00:00Z'), nextMorning))).toEqual([
      'daily',
      'pending',
    ]);
  });

  it('starts a never-refreshed feed at its first fire time after `since`, not before', async () => {
    const feeds = feedsOf(feed('quarter', '*/15 * * * *'));
    const early = { continuePending: false, since: at('2026-03-03T08:00:10Z') };
    expect(await selectDueFeeds(store, feeds, at('2026-03-03T08:01:00Z'), early)).toEqual([]);
    const onTime = { continuePending: false, since: at('2026-03-03T08:14:00Z') };
    expect(ids(await selectDueFeeds(store, feeds, at('2026-03-03T08:15:00Z'), onTime))).toEqual(['quarter']);
  });

  it('is not due again in the minute of a refresh that finished after the fire time', async () => {
    const feeds = feedsOf(feed('hourly', '0 * * * *'));
    await refreshedAt('hourly', '2026-03-03T08:00:40Z');
    const options = { continuePending: false, since: at('2026-03-03T07:59:00Z') };
    expect(await selectDueFeeds(store, feeds, at('2026-03-03T08:01:00Z'), options)).toEqual([]);
  });
});
