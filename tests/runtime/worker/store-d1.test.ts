/**
 * @module tests/runtime/worker/store-d1
 * The D1 backend inside workerd, against the local D1 that Miniflare provides for wrangler.toml's `DB`
 * binding, with the schema applied from migrations/ (tests/runtime/worker/apply-migrations.ts), leases included.
 */
import { env } from 'cloudflare:workers';
import { createD1Store } from '../../../src/store/d1.ts';
import { describeStoreConformance } from '../../contract/store-conformance.ts';

describeStoreConformance('D1 (workerd)', () => Promise.resolve(createD1Store(env.DB)));
