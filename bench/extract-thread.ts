/**
 * @module bench/extract-thread
 * One side of the extract case, timed in a worker thread of its own: Lede's `extractArticle`, a bare
 * htmlparser2 parse, or Readability on linkedom. Each thread is its own V8 isolate, with its own heap and its
 * own type feedback, so the three sides run under the same conditions:
 * - the baselines do not share htmlparser2's code with Lede's tokenizer subclass (src/core/html-tokenizer.ts),
 *   which made the stock parse measurably slower in a shared thread (≈ 10% on Node, more in workerd) and so
 *   flattered Lede's ratios;
 * - Lede does not run in the bench's own thread, whose heap and compiled code the cases before it (serving,
 *   the Worker) have filled in a whole run, while the baselines start fresh.
 * (The case's run-to-run spread came mostly from its warm-up and its ratio of two sets' medians: see
 * bench/cases/extract.ts.)
 *
 * The thread answers each `{ html, url, budgetMs }` with the mean time per call (ms) of the calls that fit in
 * the budget (`timePerCall`).
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Readability } from '@mozilla/readability';
import { parseDocument } from 'htmlparser2';
import { parseHTML } from 'linkedom';
import { extractArticle } from '../src/core/extract/extract-article.ts';
import { timePerCall } from './measure.ts';

export type ExtractSide = 'lede' | 'htmlparser2' | 'readability';

export interface ExtractRequest {
  readonly html: string;
  readonly url: string;
  readonly budgetMs: number;
}

/** Readability on linkedom as a page would use it alone: parse, then parse the article (Readability mutates the document). */
function readWithReadability(html: string): unknown {
  const { document } = parseHTML(html) as unknown as { document: object };
  return new Readability(document).parse();
}

const RUNS: Record<ExtractSide, (html: string, url: string) => unknown> = {
  lede: (html, url) => extractArticle(html, url),
  htmlparser2: (html) => parseDocument(html),
  readability: readWithReadability,
};

if (parentPort) {
  const port = parentPort;
  const run = RUNS[(workerData as { side: ExtractSide }).side];
  port.on('message', (request: ExtractRequest) => {
    void timePerCall(() => run(request.html, request.url), request.budgetMs).then((ms) => port.postMessage(ms));
  });
}
