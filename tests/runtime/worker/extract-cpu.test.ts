/**
 * @module tests/runtime/worker/extract-cpu
 * CPU of extracting and licensing one real article page inside workerd, for the Workers Free plan's
 * 10 ms of CPU per invocation (README "Performance"). The page is the corpus page of median size
 * (../shared/corpus, bundled at build time; skipped with a message when absent), served from memory so
 * the timed loop waits on no I/O — the pool's workerd keeps a running clock then (see cpu.test.ts).
 *
 * The work (extract-cpu-work.ts) runs twice: as `wrangler deploy` bundles it (extract-cpu-bundle.ts, a
 * globalSetup, builds that bundle: the figure a deployed Worker sees) and as the test pool loads it, where
 * Vite's module runner turns every call between modules into a property read on a module object; that
 * costs Lede's many small cross-module calls about as much as the work itself, so that figure is printed
 * for comparison only. The figures are printed, never asserted: timings depend on the machine.
 */
import { describe, expect, it } from 'vitest';
import type * as Work from './extract-cpu-work.ts';
import { prepareArticleWork } from './extract-cpu-work.ts';

declare global {
  /** Vite's build-time glob import (the pool bundles tests with Vite); typed here, not via `vite/client`'s globals. */
  interface ImportMeta {
    glob<T>(pattern: string, options: { query: string; import: string; eager: true }): Record<string, T>;
  }
}

/** Every corpus page's source, by path; empty when the corpus is not next to the repository. */
const corpus = import.meta.glob<string>('../../../../shared/corpus/*/source.html', {
  query: '?raw',
  import: 'default',
  eager: true,
});

const PAGE_URL = 'http://fakehost/test/page.html';
/** extract-cpu-bundle.ts writes it there, named after the entry. */
const BUNDLE = '../../../.wrangler/lede-test/extract-cpu/extract-cpu-work.js';

function pickMedianPage(): [string, string] | undefined {
  const pages = Object.entries(corpus).sort(([, a], [, b]) => a.length - b.length);
  return pages[Math.floor(pages.length / 2)];
}

function summarize(rounds: readonly Work.ArticleTimes[]): Work.ArticleTimes {
  const median = (side: keyof Work.ArticleTimes) =>
    rounds.map((times) => times[side]).sort((a, b) => a - b)[Math.floor(rounds.length / 2)] ?? 0;
  return { article: median('article'), extract: median('extract'), bare: median('bare') };
}

function describeTimes(label: string, times: Work.ArticleTimes): string {
  const ratio = (times.article / times.bare).toFixed(1);
  return `${label}: median ${times.article.toFixed(2)} ms (extraction alone ${times.extract.toFixed(2)} ms); bare htmlparser2 parse ${times.bare.toFixed(2)} ms (ratio ${ratio})`;
}

describe('extraction CPU (workerd)', () => {
  const page = pickMedianPage();
  it.skipIf(page === undefined)(
    'reports the CPU of extracting and licensing the median corpus page',
    async () => {
      const [path, html] = page ?? ['', ''];
      const bundled = (await import(/* @vite-ignore */ BUNDLE)) as typeof Work;
      // Both ways in alternating rounds, so that a busy moment of the machine falls on both.
      const ways = {
        deployed: await bundled.prepareArticleWork(html, PAGE_URL),
        pooled: await prepareArticleWork(html, PAGE_URL),
      };
      const samples = { deployed: [] as Work.ArticleTimes[], pooled: [] as Work.ArticleTimes[] };
      for (let round = 0; round < 15; round++) {
        for (const way of round % 2 === 0 ? (['deployed', 'pooled'] as const) : (['pooled', 'deployed'] as const))
          samples[way].push(await ways[way].round());
      }
      const [deployed, pooled] = [summarize(samples.deployed), summarize(samples.pooled)];
      const name = path.split('/').at(-2) ?? '';
      console.log(
        `Extract + license in workerd: ${name} (${String(Math.round(html.length / 1024))} KiB)\n` +
          `  ${describeTimes('as deployed (wrangler bundle)', deployed)}\n` +
          `  ${describeTimes('as the test pool loads it', pooled)}`,
      );
      expect(deployed.article).toBeGreaterThan(0);
    },
    120_000,
  );
  if (page === undefined) it.skip(`no corpus next to the repository (../shared/corpus): nothing to time`, () => {});
});
