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
 * for comparison only. The bare htmlparser2 parse they are compared with is a bundle of its own
 * (extract-cpu-bare.ts), so its stock tokenizer does not share code with Lede's subclass. The figures are
 * printed, never asserted: timings depend on the machine.
 */
import { describe, expect, it } from 'vitest';
import type * as Bare from './extract-cpu-bare.ts';
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
/** extract-cpu-bundle.ts writes them there, named after the entries. */
const BUNDLE = '../../../.wrangler/lede-test/extract-cpu/extract-cpu-work.js';
const BARE_BUNDLE = '../../../.wrangler/lede-test/extract-cpu-bare/extract-cpu-bare.js';

function pickMedianPage(): [string, string] | undefined {
  const pages = Object.entries(corpus).sort(([, a], [, b]) => a.length - b.length);
  return pages[Math.floor(pages.length / 2)];
}

function median(values: readonly number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)] ?? 0;
}

function summarize(rounds: readonly Work.ArticleTimes[]): Work.ArticleTimes {
  return {
    article: median(rounds.map((times) => times.article)),
    extract: median(rounds.map((times) => times.extract)),
  };
}

function describeTimes(label: string, times: Work.ArticleTimes, bare: number): string {
  const ratio = (times.article / bare).toFixed(1);
  return `${label}: median ${times.article.toFixed(2)} ms (extraction alone ${times.extract.toFixed(2)} ms; ratio to the bare parse ${ratio})`;
}

describe('extraction CPU (workerd)', () => {
  const page = pickMedianPage();
  it.skipIf(page === undefined)(
    'reports the CPU of extracting and licensing the median corpus page',
    async () => {
      const [path, html] = page ?? ['', ''];
      const bundled = (await import(/* @vite-ignore */ BUNDLE)) as typeof Work;
      const { timeBareParse } = (await import(/* @vite-ignore */ BARE_BUNDLE)) as typeof Bare;
      timeBareParse(html, 1); // warm up
      // Both ways and the bare parse in alternating rounds, so that a busy moment of the machine falls on all.
      const ways = {
        deployed: await bundled.prepareArticleWork(html, PAGE_URL),
        pooled: await prepareArticleWork(html, PAGE_URL),
      };
      const samples = { deployed: [] as Work.ArticleTimes[], pooled: [] as Work.ArticleTimes[] };
      const bareSamples: number[] = [];
      for (let round = 0; round < 15; round++) {
        for (const way of round % 2 === 0 ? (['deployed', 'pooled'] as const) : (['pooled', 'deployed'] as const))
          samples[way].push(await ways[way].round());
        bareSamples.push(timeBareParse(html, 5));
      }
      const [deployed, pooled, bare] = [summarize(samples.deployed), summarize(samples.pooled), median(bareSamples)];
      const name = path.split('/').at(-2) ?? '';
      console.log(
        `Extract + license in workerd: ${name} (${String(Math.round(html.length / 1024))} KiB)\n` +
          `  ${describeTimes('as deployed (wrangler bundle)', deployed, bare)}\n` +
          `  ${describeTimes('as the test pool loads it', pooled, bare)}\n` +
          `  bare htmlparser2 parse, bundled on its own: median ${bare.toFixed(2)} ms`,
      );
      expect(deployed.article).toBeGreaterThan(0);
    },
    120_000,
  );
  if (page === undefined) it.skip(`no corpus next to the repository (../shared/corpus): nothing to time`, () => {});
});
