/**
 * @module tests/worker/fixture-origin
 * Vitest globalSetup for the Workers suite. It runs in Node (not workerd): it starts a loopback HTTP
 * server that plays the part of a news site and `provide`s its origin, which tests read with
 * `inject('fixtureOrigin')`. Serving fixtures from Node keeps every test offline.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `http://127.0.0.1:<port>` of the fixture server. */
    fixtureOrigin: string;
  }
}

/** Echo enough of the request that a test can see what reached the server. */
function answer(request: IncomingMessage, response: ServerResponse): void {
  const body = JSON.stringify({ method: request.method, url: request.url, host: request.headers.host });
  response.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'x-fixture': 'node' });
  response.end(body);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const server = createServer(answer);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  project.provide('fixtureOrigin', `http://127.0.0.1:${port}`);
  return () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve())));
}
