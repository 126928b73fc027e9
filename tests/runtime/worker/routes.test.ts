/**
 * @module tests/runtime/worker/routes
 * The shared route cases (tests/route-cases.ts) against the Worker's `fetch` inside workerd: the
 * definitions bundled as the build bundles them (vitest.workers.config.ts), D1 migrated from
 * migrations/, the Cache API of Miniflare. Each request runs to the end of its `ctx.waitUntil` work (the
 * cache writes) before the next, as consecutive requests to one data centre would.
 */
import { createExecutionContext, waitOnExecutionContext } from 'cloudflare:test';
import { env } from 'cloudflare:workers';
import worker from '../../../src/runtime/worker/index.ts';
import { describeRouteCases } from '../../contract/route-cases.ts';
import { describeAggregatorCases } from '../../contract/route-cases-aggregators.ts';
import { describeFeedSemanticsCases } from '../../contract/route-cases-feed-semantics.ts';
import { describeHealthRouteCases } from '../../contract/route-cases-health.ts';
import { describeHttpRouteCases } from '../../contract/route-cases-http.ts';
import { describePageRouteCases } from '../../contract/route-cases-pages.ts';
import { describeHostileRequestCases } from '../../contract/route-cases-hostile.ts';
import { describeReloadRouteCases } from '../../contract/route-cases-reload.ts';
import { describeRefreshStatusCases } from '../../contract/route-cases-refresh-status.ts';

async function sendToWorker(request: Request): Promise<Response> {
  const ctx = createExecutionContext();
  const response = await worker.fetch(request, env, ctx);
  await waitOnExecutionContext(ctx);
  return response;
}

describeRouteCases('Worker, D1 + Cache API', () => Promise.resolve(sendToWorker));
// After the route cases, whose setup seeded the Worker's D1.
describeAggregatorCases(() => sendToWorker);
describePageRouteCases('Worker, D1 + Cache API', () => Promise.resolve(sendToWorker));
describeHttpRouteCases('Worker, D1 + Cache API', () => Promise.resolve(sendToWorker));
describeFeedSemanticsCases('Worker, D1 + Cache API', () => Promise.resolve(sendToWorker));
describeHealthRouteCases('Worker, D1 + Cache API', () => Promise.resolve(sendToWorker));
describeReloadRouteCases('Worker, D1 + Cache API', () => Promise.resolve(sendToWorker), 'deploy');
describeRefreshStatusCases('Worker, D1 + Cache API', () => Promise.resolve(sendToWorker));
describeHostileRequestCases('Worker, D1 + Cache API', () => Promise.resolve(sendToWorker));
