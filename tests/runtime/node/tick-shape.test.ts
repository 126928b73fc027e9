/**
 * @module tests/runtime/node/tick-shape
 * `keepTickShape` (src/runtime/node/tick-shape.ts) in a real Node process: after full collections made while
 * no `nextTick` record is alive, the inline caches of `nextTick`'s record literal are still monomorphic with
 * it, and go megamorphic without it (the V8 behaviour it works around). Read from V8's own `%DebugPrint` of the
 * function's feedback, not from timings.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const module = path.resolve(import.meta.dirname, '../../../src/runtime/node/tick-shape.ts');

/** The states of `nextTick`'s literal property definitions after twelve full collections, with or without the keep. */
function literalStates(keep: boolean): string[] {
  const script = `
    import { keepTickShape } from ${JSON.stringify(module)};
    const settle = () => new Promise((resolve) => setTimeout(resolve, 5));
    for (let i = 0; i < 20000; i++) process.nextTick(() => {});
    await settle();
    if (${String(keep)}) { keepTickShape(); keepTickShape(); }
    for (let round = 0; round < 4; round++) {
      await settle();
      gc(); gc(); gc();
      for (let i = 0; i < 1000; i++) process.nextTick(() => {});
      await settle();
    }
    %DebugPrint(process.nextTick);
  `;
  const flags = ['--expose-gc', '--allow-natives-syntax', '--input-type=module', '-e', script];
  const result = spawnSync(process.execPath, flags, { encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  return [...result.stdout.matchAll(/DefineKeyedOwnPropertyInLiteral (\w+)/g)].map((match) => match[1] ?? '');
}

describe('keepTickShape in a Node process', () => {
  it("keeps nextTick's record literal monomorphic across full collections", () => {
    const states = literalStates(true);
    expect(states.length).toBeGreaterThan(0);
    expect(states.every((state) => state === 'MONOMORPHIC')).toBe(true);
  });

  it('is needed: without it the same collections leave the literal megamorphic', () => {
    expect(literalStates(false)).toContain('MEGAMORPHIC');
  });
});
