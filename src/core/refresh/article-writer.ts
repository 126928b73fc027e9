/**
 * @module core/refresh/article-writer
 * A refresh's finished articles, stored a few at a time instead of one write each. On SQLite every write is a
 * commit (WAL frames for the row and each index it touches), and inside a refresh that was ~0.25 ms of CPU an
 * article, a tenth of the whole; ten rows in one transaction cost little more than one (`Store.putArticles`:
 * one transaction on node:sqlite, one batch — one round trip — on D1).
 *
 * Resumability is kept, bounded: a record waits at most `maxDelayMs` (a timer) or until `batch` are waiting,
 * whichever comes first, and every record is written when the run ends, however it ends. A crash (kill -9,
 * power loss) loses at most the records still waiting: they stay `pending` as the store held them, and the next
 * run fetches them again. Nothing is half-written (each group is one transaction) and nothing is published
 * twice. A failed write is reported by the next `put` or by `flush`, so the run stops as it did when one
 * article's write failed.
 */
import type { ArticleRecord, Store } from '../store.ts';

export interface ArticleWriterOptions {
  /** Records written together at most (one transaction). */
  readonly batch: number;
  /** Longest a finished record waits before it is written (ms). */
  readonly maxDelayMs: number;
}

/** Ten to a transaction, none waiting over a second: a crash costs at most a second's articles, fetched again. */
const ARTICLE_WRITES: ArticleWriterOptions = { batch: 10, maxDelayMs: 1000 };

export interface ArticleWriter {
  /** Queue a record (written with the next group); rejects with the error of an earlier write that failed. */
  put(record: ArticleRecord): Promise<void>;
  /** Write everything queued and wait for it; rejects with the first write that failed. */
  flush(): Promise<void>;
  /** Wait for `work` (the pipeline putting records), then `flush`; `work`'s own error wins over a write's. */
  flushAfter(work: Promise<void>): Promise<void>;
}

/**
 * @example
 * const writer = createArticleWriter(deps.store);
 * await writer.flushAfter(runPipeline(pending, { …, process: (page) => writer.put(licensed(page)) }));
 */
export function createArticleWriter(
  store: Pick<Store, 'putArticles'>,
  options: ArticleWriterOptions = ARTICLE_WRITES,
): ArticleWriter {
  let queued: ArticleRecord[] = [];
  let timer: ReturnType<typeof setTimeout> | undefined;
  // Writes run one after another, in the order the records finished.
  let writing = Promise.resolve();
  let failure: { readonly error: unknown } | undefined;
  const write = (): Promise<void> => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
    const records = queued;
    queued = [];
    if (records.length > 0) {
      writing = writing
        .then(() => (failure ? undefined : store.putArticles(records)))
        .catch((error: unknown) => {
          failure ??= { error };
        });
    }
    return writing;
  };
  const check = (): void => {
    if (failure) throw failure.error;
  };
  const flush = async (): Promise<void> => {
    await write();
    check();
  };
  return {
    async put(record) {
      check();
      queued.push(record);
      if (queued.length >= options.batch) await write();
      else timer ??= setTimeout(() => void write(), options.maxDelayMs);
      check();
    },
    flush,
    async flushAfter(work) {
      await work.catch(async (error: unknown) => {
        await flush().catch(() => undefined);
        throw error;
      });
      await flush();
    },
  };
}
