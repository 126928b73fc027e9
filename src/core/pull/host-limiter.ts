/**
 * @module core/pull/host-limiter
 * At most N requests in flight per host, the rest wait in line (first come, first served). Politeness
 * towards small news sites, shared by both runtimes' fetchers; plain promises, no timers.
 */

export interface HostLimiter {
  /** Run `task` once `host` has a free slot; the slot is released when the task settles. */
  run<T>(host: string, task: () => Promise<T>): Promise<T>;
  /** Tasks running now for `host` (for tests and metrics). */
  active(host: string): number;
}

interface HostQueue {
  running: number;
  readonly waiting: (() => void)[];
}

/**
 * @example
 * const limiter = createHostLimiter(2);
 * const page = await limiter.run('example.com', () => fetchOnce(url));
 */
export function createHostLimiter(limit: number): HostLimiter {
  const hosts = new Map<string, HostQueue>();
  const slots = Math.max(1, Math.floor(limit));

  async function acquire(host: string): Promise<HostQueue> {
    let queue = hosts.get(host);
    if (!queue) {
      queue = { running: 0, waiting: [] };
      hosts.set(host, queue);
    }
    if (queue.running < slots) queue.running += 1;
    // A released slot is handed straight to the waiter (`running` unchanged), so no newcomer can slip in.
    else await new Promise<void>((resolve) => queue.waiting.push(resolve));
    return queue;
  }

  function release(host: string, queue: HostQueue): void {
    const next = queue.waiting.shift();
    if (next) {
      next();
      return;
    }
    queue.running -= 1;
    if (queue.running === 0) hosts.delete(host);
  }

  return {
    async run(host, task) {
      const queue = await acquire(host);
      try {
        return await task();
      } finally {
        release(host, queue);
      }
    },
    active: (host) => hosts.get(host)?.running ?? 0,
  };
}
