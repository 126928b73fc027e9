/**
 * @module tests/runtime/node/request-shape
 * `keepRequestShape` (src/runtime/node/request-shape.ts) in a real Node process: after a server's first
 * requests each followed by a full collection while no request is alive, a later request and its response
 * still keep their properties in the object (V8's `%HasFastProperties`) with it, and are dictionaries without
 * it (the V8 behaviour it works around). Read from V8 itself, not from timings.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const module = path.resolve(import.meta.dirname, '../../../src/runtime/node/request-shape.ts');

/** `[request, response]` fast-property states of a request made after ten requests each followed by `gc()`. */
function requestShapes(keep: boolean): unknown {
  const script = `
    import { createServer, request } from 'node:http';
    import { keepRequestShape } from ${JSON.stringify(module)};
    let probe;
    const server = createServer((req, res) => {
      probe = [%HasFastProperties(req), %HasFastProperties(res)];
      res.writeHead(304, { etag: '"a"' }).end();
    });
    if (${String(keep)}) keepRequestShape(server);
    await new Promise((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address();
    const get = () => new Promise((resolve, reject) => {
      const outgoing = request({ host: '127.0.0.1', port, path: '/feeds/a.rss', agent: false }, (answer) => {
        answer.resume();
        answer.on('end', resolve);
      });
      outgoing.on('error', reject);
      outgoing.end();
    });
    const settle = () => new Promise((resolve) => setTimeout(resolve, 5));
    for (let i = 0; i < 10; i++) {
      await get();
      await settle();
      gc();
    }
    await get();
    server.close();
    process.stdout.write(JSON.stringify(probe));
  `;
  const flags = ['--expose-gc', '--allow-natives-syntax', '--input-type=module', '-e', script];
  const result = spawnSync(process.execPath, flags, { encoding: 'utf8' });
  expect(result.status, result.stderr).toBe(0);
  return JSON.parse(result.stdout);
}

describe('keepRequestShape in a Node process', () => {
  it('keeps later requests and responses in fast mode across full collections between the first requests', () => {
    expect(requestShapes(true)).toEqual([true, true]);
  });

  it('is needed: without it the same collections leave them dictionaries', () => {
    expect(requestShapes(false)).toEqual([false, false]);
  });
});
