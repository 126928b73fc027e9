/**
 * @module tests/runtime/worker/extract-cpu-bundle
 * Vitest globalSetup for the Workers suite (runs in Node): bundles extract-cpu-work.ts with `wrangler deploy
 * --dry-run`, the bundler and settings a deployed Lede Worker is built with, so that extract-cpu.test.ts can
 * time the code as it runs in production — one module — beside the test pool's own loading of it; and the
 * bare parse it is compared with, extract-cpu-bare.ts, as a bundle of its own. Skipped, with a message, when
 * the corpus the test times is absent.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import { rm } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';

/** Where the bundles are written (under .wrangler/, which git ignores); extract-cpu.test.ts imports them. */
const EXTRACT_CPU_BUNDLE_DIR = '.wrangler/lede-test/extract-cpu';
const BARE_PARSE_BUNDLE_DIR = '.wrangler/lede-test/extract-cpu-bare';

export default async function bundleExtractCpuWork(): Promise<void> {
  await rm(EXTRACT_CPU_BUNDLE_DIR, { recursive: true, force: true });
  await rm(BARE_PARSE_BUNDLE_DIR, { recursive: true, force: true });
  if (!existsSync('../shared/corpus')) {
    console.warn('extract-cpu-bundle: no ../shared/corpus, nothing to time: not bundled');
    return;
  }
  const wrangler = path.resolve('node_modules/wrangler/bin/wrangler.js');
  const bundle = (entry: string, outdir: string) =>
    promisify(execFile)(process.execPath, [wrangler, 'deploy', entry, '--dry-run', '--outdir', outdir]);
  await bundle('tests/runtime/worker/extract-cpu-work.ts', EXTRACT_CPU_BUNDLE_DIR);
  await bundle('tests/runtime/worker/extract-cpu-bare.ts', BARE_PARSE_BUNDLE_DIR);
}
