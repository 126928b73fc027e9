/**
 * @module tests/runtime/worker/fixture-origin
 * Vitest globalSetup for the Workers suite. It runs in Node (not workerd): it starts the fixture news
 * site (tests/fixtures/site) on 127.0.0.1, which code inside workerd reaches with a plain `fetch`, and a
 * small control server next to it, because the site's controls (`setFile`, `fail`, `addArticle`, hit
 * counts) are a Node API that workerd cannot call. A WebSub hub fixture (tests/fixtures/hub) runs beside
 * them, its recorded pings read through the same control server. Tests read both origins with `inject()` and use the
 * client in tests/runtime/worker/fixture-control.ts. Serving from Node keeps every test offline.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { TestProject } from 'vitest/node';
import type { NewArticle } from '../../fixtures/site/article-template.ts';
import { startFixtureSite, type FixtureSite } from '../../fixtures/site/server.ts';
import { startFixtureHub, type FixtureHub } from '../../fixtures/hub/server.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** `http://127.0.0.1:<port>` of the fixture news site. */
    fixtureOrigin: string;
    /** `http://127.0.0.1:<port>` of its control server (tests/runtime/worker/fixture-control.ts). */
    fixtureControl: string;
    /** URL of the WebSub hub fixture (tests/fixtures/hub). */
    fixtureHub: string;
  }
}

/** The control commands, one JSON body each; the answer is JSON too. */
type Command =
  | { readonly op: 'setFile'; readonly path: string; readonly body: string; readonly contentType?: string }
  | { readonly op: 'fail'; readonly path: string; readonly status: number; readonly headers?: Record<string, string> }
  | { readonly op: 'restore'; readonly path: string }
  | { readonly op: 'addArticle'; readonly article: NewArticle }
  | { readonly op: 'hits'; readonly path: string }
  | { readonly op: 'hitsUnder'; readonly prefix: string }
  | { readonly op: 'hubPings' }
  | { readonly op: 'hubAnswer'; readonly status: number };

async function run(site: FixtureSite, command: Command, hub: FixtureHub): Promise<unknown> {
  switch (command.op) {
    case 'hubPings':
      return hub.pings;
    case 'hubAnswer':
      hub.answer(command.status);
      return undefined;
    case 'setFile':
      site.setFile(command.path, command.body, command.contentType ? { contentType: command.contentType } : {});
      return undefined;
    case 'fail':
      site.fail(command.path, command.status, command.headers ?? {});
      return undefined;
    case 'restore':
      site.restore(command.path);
      return undefined;
    case 'addArticle':
      return site.addArticle(command.article);
    case 'hits':
      return { hits: site.hits.get(command.path) ?? 0, notModified: site.notModified.get(command.path) ?? 0 };
    case 'hitsUnder':
      return [...site.hits]
        .filter(([path]) => path.startsWith(command.prefix))
        .reduce((sum, [, hits]) => sum + hits, 0);
  }
}

function control(site: FixtureSite, hub: FixtureHub): (request: IncomingMessage, response: ServerResponse) => void {
  const handle = async (request: IncomingMessage, response: ServerResponse): Promise<void> => {
    try {
      const chunks: Buffer[] = [];
      for await (const chunk of request) chunks.push(chunk as Buffer);
      const result = await run(site, JSON.parse(Buffer.concat(chunks).toString('utf8')) as Command, hub);
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ result: result ?? null }));
    } catch (error) {
      response.writeHead(500, { 'content-type': 'text/plain' }).end(String(error));
    }
  };
  // node:http ignores a listener's result; `handle` answers every request itself, errors included.
  return (request, response) => void handle(request, response);
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const site = await startFixtureSite();
  const hub = await startFixtureHub();
  const server = createServer(control(site, hub));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  project.provide('fixtureOrigin', site.origin);
  project.provide('fixtureControl', `http://127.0.0.1:${port}`);
  project.provide('fixtureHub', hub.url);
  return async () => {
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await site.close();
    await hub.close();
  };
}
