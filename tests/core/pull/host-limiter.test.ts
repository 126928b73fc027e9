/**
 * createHostLimiter (core/pull/host-limiter): at most N requests in flight per host, first come first served.
 */
import { describe, expect, it } from 'vitest';
import { createHostLimiter } from '../../../src/core/pull/host-limiter.ts';

describe('createHostLimiter', () => {
  /** A task that runs until the test resolves it. */
  function deferred() {
    let resolve = (): void => {};
    const promise = new Promise<void>((done) => (resolve = done));
    return { promise, resolve };
  }

  it('runs at most N tasks per host, first come first served, and hosts independently', async () => {
    const limiter = createHostLimiter(2);
    const started: string[] = [];
    let peak = 0;
    const gates = Array.from({ length: 5 }, deferred);
    const runs = gates.map((gate, index) =>
      limiter.run('a.example', async () => {
        started.push(`a${index}`);
        peak = Math.max(peak, limiter.active('a.example'));
        await gate.promise;
      }),
    );
    const other = limiter.run('b.example', () => Promise.resolve(started.push('b')));
    await other;
    expect(started).toEqual(['a0', 'a1', 'b']);
    for (const gate of gates) {
      gate.resolve();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await Promise.all(runs);
    expect(started).toEqual(['a0', 'a1', 'b', 'a2', 'a3', 'a4']);
    expect(peak).toBe(2);
    expect(limiter.active('a.example')).toBe(0);
  });

  it('frees the slot when a task fails', async () => {
    const limiter = createHostLimiter(1);
    await expect(limiter.run('a.example', () => Promise.reject(new Error('boom')))).rejects.toThrow('boom');
    await expect(limiter.run('a.example', () => Promise.resolve('next'))).resolves.toBe('next');
  });
});
