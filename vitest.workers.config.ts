/**
 * Workers tests (tests/runtime/worker/**), run inside workerd by @cloudflare/vitest-plugin:
 * `npm run test:worker`. Bindings come from wrangler.toml; test-only additions are under `miniflare`.
 * The Node tests have their own config (vitest.config.ts), which excludes this folder.
 *
 * The Worker under test is built as `npm run build:worker` builds it, with another FEEDS_DIR: once
 * globalSetup has started the fixture site, its definitions (tests/runtime/worker/fixture-feeds.ts) are written
 * to a folder and bundled by scripts/bundle-feeds.ts into the module `lede:feeds` resolves to.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { cloudflareTest, readD1Migrations } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import { writeFeedsModule } from './scripts/bundle-feeds.ts';
import { fixtureFeedFiles, TEST_ADMIN_TOKEN, TEST_PUBLIC_URL } from './tests/runtime/worker/fixture-feeds.ts';

const TEST_FEEDS_DIR = '.wrangler/lede-test/feeds';
const TEST_FEEDS_MODULE = '.wrangler/lede-test/feeds.js';

/** Write the fixture definitions as a FEEDS_DIR, then bundle it like the build does. */
async function bundleFixtureFeeds(origin: string): Promise<void> {
  await mkdir(TEST_FEEDS_DIR, { recursive: true });
  for (const [id, text] of Object.entries(fixtureFeedFiles(origin))) {
    await writeFile(path.join(TEST_FEEDS_DIR, `${id}.json`), text);
  }
  await writeFeedsModule(TEST_FEEDS_DIR, TEST_FEEDS_MODULE);
}

export default defineConfig({
  resolve: { alias: { 'lede:feeds': path.resolve(TEST_FEEDS_MODULE) } },
  plugins: [
    cloudflareTest(async ({ inject }) => {
      await bundleFixtureFeeds(inject('fixtureOrigin'));
      return {
        wrangler: { configPath: './wrangler.toml' },
        // Everything runs locally: never proxy bindings to a Cloudflare account.
        remoteBindings: false,
        miniflare: {
          bindings: {
            // Read in Node, applied inside workerd by tests/runtime/worker/apply-migrations.ts.
            TEST_MIGRATIONS: await readD1Migrations('./migrations'),
            ADMIN_TOKEN: TEST_ADMIN_TOKEN,
            PUBLIC_URL: TEST_PUBLIC_URL,
            LOG_LEVEL: 'warn',
          },
          // Queues mode, as docs/workers.md configures it; tests that want cron mode pass an env without it.
          queueProducers: { ARTICLE_QUEUE: { queueName: 'lede-articles' } },
          queueConsumers: { 'lede-articles': { maxBatchSize: 5, maxBatchTimeout: 1, maxRetries: 2 } },
        },
      };
    }),
  ],
  test: {
    include: ['tests/runtime/worker/**/*.test.ts'],
    globalSetup: ['tests/runtime/worker/fixture-origin.ts', 'tests/runtime/worker/extract-cpu-bundle.ts'],
    setupFiles: ['tests/runtime/worker/apply-migrations.ts'],
    // xss is CommonJS whose named exports hang off a function (`module.exports = filterXSS`), which the
    // pool's module fallback cannot see; pre-bundling it to ESM does what wrangler's esbuild does.
    deps: { optimizer: { ssr: { enabled: true, include: ['xss'] } } },
    testTimeout: 30_000,
    hookTimeout: 30_000,
  },
});
