/**
 * @module tests/routes-node
 * The shared route cases (tests/route-cases.ts) against the Node runtime's app, wired as `npm start`
 * wires it (`openNodeDeps`: definitions read from a FEEDS_DIR, a real SQLite file, undici) and called
 * in-process with `app.request()`. tests/runtime/worker/routes.test.ts runs the same cases inside workerd.
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import { parseRuntimeConfig } from '../../../src/core/config/runtime-config.ts';
import { silentLog } from '../../helpers/silent-log.ts';
import { createApp } from '../../../src/core/serve/app.ts';
import { openNodeDeps } from '../../../src/runtime/node/server.ts';
import type { Store } from '../../../src/core/store.ts';
import { startFixtureSite, type FixtureSite } from '../../fixtures/site/server.ts';
import { describeRouteCases, type SendRequest } from '../../contract/route-cases.ts';
import { describeAggregatorCases } from '../../contract/route-cases-aggregators.ts';
import { describeFeedSemanticsCases } from '../../contract/route-cases-feed-semantics.ts';
import { describeHealthRouteCases } from '../../contract/route-cases-health.ts';
import { describeHttpRouteCases } from '../../contract/route-cases-http.ts';
import { describePageRouteCases } from '../../contract/route-cases-pages.ts';
import { describeHostileRequestCases } from '../../contract/route-cases-hostile.ts';
import { describeReloadRouteCases } from '../../contract/route-cases-reload.ts';
import { openLiveDefinitions } from '../../../src/runtime/node/reload-definitions.ts';
import { describeRefreshStatusCases } from '../../contract/route-cases-refresh-status.ts';
import { fixtureFeedFiles, TEST_ADMIN_TOKEN, TEST_PUBLIC_URL } from '../worker/fixture-feeds.ts';

let site: FixtureSite | undefined;
let dir: string | undefined;
let store: Store | undefined;
let send: SendRequest | undefined;

/** The Node app over a fresh SQLite file and fixture site, opened once and shared by every suite. */
let opening: Promise<SendRequest> | undefined;
const openNodeApp = () => (opening ??= buildNodeApp());

describeRouteCases('Node, SQLite file', openNodeApp);
// After the route cases, whose setup seeded the app.
describeAggregatorCases(() => {
  if (!send) throw new Error('route target not set up');
  return send;
});
describePageRouteCases('Node, SQLite file', openNodeApp);
describeHttpRouteCases('Node, SQLite file', openNodeApp);
describeFeedSemanticsCases('Node, SQLite file', openNodeApp);
describeHealthRouteCases('Node, SQLite file', openNodeApp);
describeReloadRouteCases('Node, SQLite file', openNodeApp, 'reloads');
describeRefreshStatusCases('Node, SQLite file', openNodeApp);
describeHostileRequestCases('Node, SQLite file', openNodeApp);

async function buildNodeApp(): Promise<SendRequest> {
  site = await startFixtureSite();
  dir = await mkdtemp(join(tmpdir(), 'lede-routes-'));
  const feedsDir = join(dir, 'feeds');
  await mkdir(feedsDir);
  for (const [id, text] of Object.entries(fixtureFeedFiles(site.origin)))
    await writeFile(join(feedsDir, `${id}.json`), text);
  const config = parseRuntimeConfig({
    FEEDS_DIR: feedsDir,
    DATA_DIR: join(dir, 'data'),
    ADMIN_TOKEN: TEST_ADMIN_TOKEN,
    PUBLIC_URL: TEST_PUBLIC_URL,
  });
  const opened = await openNodeDeps(config, silentLog);
  store = opened.store;
  // The live definitions, as `npm start` has them (POST /admin/reload re-reads FEEDS_DIR).
  const initial = { feeds: opened.definitions, problems: opened.problems };
  const live = openLiveDefinitions({
    feedsDir,
    initial,
    store,
    runner: opened.runner,
    log: silentLog,
    clock: () => new Date(),
  });
  const app = createApp({
    store,
    feeds: live.registry,
    reload: () => live.reload(),
    runner: opened.runner,
    adminToken: TEST_ADMIN_TOKEN,
    log: silentLog,
    clock: () => new Date(),
    publicUrl: config.publicUrl,
  });
  send = async (request) => app.request(request);
  return send;
}

afterAll(async () => {
  await store?.close();
  await site?.close();
  if (dir) await rm(dir, { recursive: true, force: true });
});
