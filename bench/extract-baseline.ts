/**
 * @module bench/extract-baseline
 * A baseline of the extract case, timed in a worker thread of its own: a bare htmlparser2 parse, or
 * Readability on linkedom. Its own thread is its own V8 isolate, so the baseline runs htmlparser2's code with
 * its own type feedback. In the bench's thread that code is shared with Lede's tokenizer subclass
 * (src/core/html-tokenizer.ts), which made the stock parse measurably slower there (≈ 10% on Node, more in
 * workerd) and so flattered Lede's ratios.
 *
 * The thread answers each `{ html, budgetMs }` with the mean time per call (ms) of the calls that fit in the
 * budget, as `timePerCall` measures in the bench's own thread.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { Readability } from '@mozilla/readability';
import { parseDocument } from 'htmlparser2';
import { parseHTML } from 'linkedom';
import { timePerCall } from './measure.ts';

export type BaselineKind = 'htmlparser2' | 'readability';

export interface BaselineRequest {
  readonly html: string;
  readonly budgetMs: number;
}

/** Readability on linkedom as a page would use it alone: parse, then parse the article (Readability mutates the document). */
function readWithReadability(html: string): unknown {
  const { document } = parseHTML(html) as unknown as { document: object };
  return new Readability(document).parse();
}

const RUNS: Record<BaselineKind, (html: string) => unknown> = {
  htmlparser2: (html) => parseDocument(html),
  readability: readWithReadability,
};

if (parentPort) {
  const port = parentPort;
  const run = RUNS[(workerData as { kind: BaselineKind }).kind];
  port.on('message', (request: BaselineRequest) => {
    void timePerCall(() => run(request.html), request.budgetMs).then((ms) => port.postMessage(ms));
  });
}
