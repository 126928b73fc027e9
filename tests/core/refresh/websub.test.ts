/**
 * WebSub on Node's real parts: the fixture site, a SQLite file, undici, and a hub fixture on loopback.
 * A refresh that changes a feed pings the hub (`hub.mode=publish`, `hub.url` = each changed format's URL,
 * form-encoded); a failed ping is logged, reported, kept in the store and retried on the next refresh.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CoreDeps } from '../../../src/core/ports.ts';
import { refreshFeed } from '../../../src/core/refresh/refresh-feed.ts';
import { createNodePostForm } from '../../../src/runtime/node/fetch-page.ts';
import { assertValidAtom, assertValidJsonFeed, assertValidRss } from '../../helpers/feed-validity.ts';
import { openHarness, PUBLIC_URL, type Harness } from '../../helpers/lede-harness.ts';
import { startFixtureHub, type FixtureHub } from '../../fixtures/hub/server.ts';

const TOPICS = ['rss', 'atom', 'json'].map((format) => `${PUBLIC_URL}/feeds/monitor.${format}`);

let h: Harness;
let hub: FixtureHub;
let deps: CoreDeps;
let warnings: string[];
beforeEach(async () => {
  h = await openHarness();
  hub = await startFixtureHub();
  warnings = [];
  deps = {
    ...h.deps,
    log: (level, message) => {
      if (level === 'warn') warnings.push(message);
    },
    websub: { url: hub.url, postForm: createNodePostForm() },
  };
});
afterEach(async () => {
  await hub.close();
  await h.close();
});

const refresh = () => refreshFeed(deps, h.feeds.get('monitor')!, { publicUrl: PUBLIC_URL });

/** The topics pinged, in order, checking each ping's shape. */
function pingedTopics(): string[] {
  return hub.pings.map((ping) => {
    expect(ping.method).toBe('POST');
    expect(ping.contentType).toBe('application/x-www-form-urlencoded');
    expect(ping.fields.map(([name]) => name)).toEqual(['hub.mode', 'hub.url']);
    expect(ping.fields[0]).toEqual(['hub.mode', 'publish']);
    return ping.fields[1]![1];
  });
}

describe('WebSub', () => {
  it('advertises the hub in every stored format, valid', async () => {
    await refresh();
    const rss = (await h.store.getRendition('monitor', 'rss'))!.body;
    const atom = (await h.store.getRendition('monitor', 'atom'))!.body;
    const json = (await h.store.getRendition('monitor', 'json'))!.body;
    assertValidRss(rss);
    assertValidAtom(atom);
    assertValidJsonFeed(json);
    expect(rss).toContain(`<atom:link href="${hub.url}" rel="hub"/>`);
    expect(atom).toContain(`<link rel="hub" href="${hub.url}"/>`);
    expect((JSON.parse(json) as { hubs: unknown }).hubs).toEqual([{ type: 'WebSub', url: hub.url }]);
  });

  it('pings the hub once per changed format, and not when a refresh changes nothing', async () => {
    expect(await refresh()).toMatchObject({ changed: true });
    expect(pingedTopics()).toEqual(TOPICS);
    h.setNow('2025-03-12T13:00:00Z');
    expect(await refresh()).toMatchObject({ changed: false });
    expect(hub.pings).toHaveLength(3);
    expect((await h.store.getFeedState('monitor'))?.hubPending).toBeUndefined();
  });

  it('logs, reports and keeps a failed ping, and retries it on the next refresh though nothing changed', async () => {
    hub.answer(503);
    const failed = await refresh();
    expect(failed).toMatchObject({ ok: true, changed: true });
    expect(failed.errors).toEqual(
      TOPICS.map(() => expect.objectContaining({ url: hub.url, code: 'http-status' }) as unknown),
    );
    expect(warnings.filter((message) => message === 'hub not notified')).toHaveLength(3);
    expect((await h.store.getFeedState('monitor'))?.hubPending).toEqual(TOPICS);

    hub.answer(204);
    h.setNow('2025-03-12T13:00:00Z');
    const retried = await refresh();
    expect(retried).toMatchObject({ changed: false, errors: [] });
    expect(pingedTopics()).toEqual([...TOPICS, ...TOPICS]);
    expect((await h.store.getFeedState('monitor'))?.hubPending).toBeUndefined();
  });

  it('keeps the topics pending when the hub is unreachable', async () => {
    await hub.close();
    const report = await refresh();
    expect(report.errors.map((error) => error.code)).toEqual(['network', 'network', 'network']);
    expect((await h.store.getFeedState('monitor'))?.hubPending).toEqual(TOPICS);
    hub = await startFixtureHub(); // afterEach closes it
  });
});
