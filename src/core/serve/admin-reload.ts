/**
 * @module core/serve/admin-reload
 * `POST /admin/reload` (behind the admin token, mounted by the admin sub-app): re-read the feed definitions
 * now and answer what changed — added, changed, removed, invalid (an invalid new version keeps the previous
 * one running) — with every problem that stands (src/core/config/feed-registry.ts).
 *
 * Only a runtime that can re-read its definitions offers it (Node: `FEEDS_DIR`). The Worker's definitions
 * are bundled into its script at deploy, so there it answers 501 Not Implemented (RFC 9110 §15.6.2) saying
 * to deploy instead. A folder that cannot be read at all answers 500 with the reason; nothing changes then.
 */
import type { Context } from 'hono';
import { toLedeError } from '../errors.ts';
import type { ServeEnv, ServeOptions } from './serve-env.ts';

const NO_STORE = { 'Cache-Control': 'no-store' };

const DEPLOY_TO_RELOAD =
  'feed definitions are bundled into this deployment: change feeds/ and deploy again (npm run deploy) to reload them';

/**
 * The handler of `POST /admin/reload`.
 * @example admin.post('/admin/reload', serveReload(options))
 */
export function serveReload(options: Pick<ServeOptions, 'reload'>) {
  return async (c: Context<ServeEnv>): Promise<Response> => {
    const { reload } = options;
    if (!reload) return c.json({ error: DEPLOY_TO_RELOAD }, 501, NO_STORE);
    try {
      return c.json(await reload(), 200, NO_STORE);
    } catch (error) {
      // The folder could not be read at all (gone, unreadable): the definitions in force stay, and the operator hears why.
      const { code, message } = toLedeError(error);
      return c.json({ error: message, code }, 500, NO_STORE);
    }
  };
}
