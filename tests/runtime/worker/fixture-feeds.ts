/**
 * @module tests/runtime/worker/fixture-feeds
 * The feed definition files both runtimes are tested with, as `feeds/<id>.json` texts: the fixture
 * site's `monitor` feed, a copy of it (`queued`) for the Queues test, and one broken definition that
 * /healthz must report while the others run. vitest.workers.config.ts bundles them into the Worker (as
 * `npm run build:worker` bundles `feeds/`), tests/routes-node.test.ts writes them to a FEEDS_DIR. Pure,
 * so it loads in Node and in workerd alike.
 */
import { fixtureFeedDefinitions } from '../../fixtures/site/definitions.ts';

/** What both runtimes are configured with in the route tests (vitest.workers.config.ts, routes-node.test.ts). */
export const TEST_ADMIN_TOKEN = 'test-admin-token';
export const TEST_PUBLIC_URL = 'http://lede.test';

/** The id of the broken definition, and what is wrong with it. */
export const BROKEN_FEED = { id: 'broken', field: 'license.maxShare' } as const;

/**
 * `{ id: json text }` for a fixture site at `origin`.
 * @example writeFile(join(dir, 'monitor.json'), fixtureFeedFiles(site.origin).monitor)
 */
export function fixtureFeedFiles(origin: string): Record<string, string> {
  const { monitor } = fixtureFeedDefinitions(origin);
  const broken = { ...monitor, license: { maxShare: 2, attribution: 'Nobody' } };
  return {
    monitor: JSON.stringify(monitor, null, 2),
    queued: JSON.stringify({ ...monitor, title: 'The Qazaqstan Monitor (through a queue)' }, null, 2),
    [BROKEN_FEED.id]: JSON.stringify(broken, null, 2),
  };
}

/** The same files as the core loader's `DefinitionFile`s, for `createLedeWorker`. */
export function toDefinitionFiles(files: Record<string, string>): { id: string; file: string; text: string }[] {
  return Object.entries(files).map(([id, text]) => ({ id, file: `feeds/${id}.json`, text }));
}
