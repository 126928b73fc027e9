/**
 * @module tests/runtime/worker/extract-cpu
 * CPU of extracting and licensing one real article page inside workerd, for the Workers Free plan's
 * 10 ms of CPU per invocation (README "Performance"). The page is the corpus page of median size
 * (../shared/corpus, bundled at build time; skipped with a message when absent), served from memory so
 * the timed loop waits on no I/O — the pool's workerd keeps a running clock then (see cpu.test.ts). The
 * figure is printed, never asserted: timings depend on the machine.
 */
import { Parser } from 'htmlparser2';
import { DomHandler } from 'domhandler';
import { describe, expect, it } from 'vitest';
import { parseFeedDefinition } from '../../../src/core/config/feed-definition.ts';
import type { CoreDeps } from '../../../src/core/ports.ts';
import { processArticle } from '../../../src/core/refresh/process-article.ts';
import type { ArticleRecord, Store } from '../../../src/core/store.ts';
import { silentLog } from '../../helpers/silent-log.ts';
import { fixtureFeedFiles } from './fixture-feeds.ts';

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

function pickMedianPage(): [string, string] | undefined {
  const pages = Object.entries(corpus).sort(([, a], [, b]) => a.length - b.length);
  return pages[Math.floor(pages.length / 2)];
}

describe('extraction CPU (workerd)', () => {
  const page = pickMedianPage();
  it.skipIf(page === undefined)(
    'reports the CPU of extracting and licensing the median corpus page',
    async () => {
      const [path, html] = page ?? ['', ''];
      const parsed = parseFeedDefinition(
        'corpus',
        JSON.parse(fixtureFeedFiles('http://fakehost')['monitor'] ?? '{}'),
        'corpus.json',
      );
      if (!parsed.ok) throw new Error('fixture definition must be valid');
      const deps: CoreDeps = {
        fetchPage: ({ url }) =>
          Promise.resolve({ status: 'ok', url, body: html, contentType: 'text/html; charset=utf-8' }),
        store: { getSiteSignals: () => Promise.resolve(undefined), putSiteSignals: async () => {} } as unknown as Store,
        clock: () => new Date(),
        log: silentLog,
      };
      const record: ArticleRecord = {
        feedId: 'corpus',
        sourceUrl: PAGE_URL,
        entryHash: '',
        entry: { url: PAGE_URL },
        state: 'pending',
        attempts: 0,
        discoveredAt: '2025-03-13T00:00:00.000Z',
      };
      const first = await processArticle(deps, parsed.definition, record); // warm up
      // A bare htmlparser2 parse of the same page, interleaved: the baseline the ratio is taken against.
      const parse = () => new Parser(new DomHandler()).end(html);
      parse();
      const lede: number[] = [];
      const bare: number[] = [];
      for (let round = 0; round < 15; round++) {
        let start = performance.now();
        await processArticle(deps, parsed.definition, record);
        lede.push(performance.now() - start);
        start = performance.now();
        for (let repeat = 0; repeat < 5; repeat++) parse();
        bare.push((performance.now() - start) / 5);
      }
      const median = (times: number[]) => times.sort((a, b) => a - b)[Math.floor(times.length / 2)] ?? 0;
      const [ledeMs, bareMs] = [median(lede), median(bare)];
      const name = path.split('/').at(-2);
      console.log(
        `Extract + license in workerd: ${name} (${Math.round(html.length / 1024)} KiB), median ${ledeMs.toFixed(2)} ms; bare htmlparser2 parse ${bareMs.toFixed(2)} ms (ratio ${(ledeMs / bareMs).toFixed(1)})`,
      );
      expect(first.item).toBeDefined();
    },
    60_000,
  );
  if (page === undefined) it.skip(`no corpus next to the repository (../shared/corpus): nothing to time`, () => {});
});
