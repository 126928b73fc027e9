/**
 * Definitions at run time, on `npm start`'s entry as a real process (src/runtime/node/reload-definitions.ts):
 * a file added to FEEDS_DIR is served and built without a restart, an invalid new version is reported while
 * the previous one keeps serving, a removed file's feed answers 404; and a change the watch cannot see (a
 * symlinked file edited where it lives) is picked up by `POST /admin/reload` and by SIGHUP. The folder may
 * also be replaced as a whole; a changed definition goes through the kill switch (`enabled: false`).
 */
import { mkdir, rename, rm, symlink, unlink, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fixtureFeedDefinitions } from '../../fixtures/site/definitions.ts';
import { startFixtureSite, type FixtureSite } from '../../fixtures/site/server.ts';
import { assertValidRss } from '../../helpers/feed-validity.ts';
import { makeWorkspace, runStart, runToEnd, waitForUrl } from '../../helpers/spawn-lede.ts';

const TOKEN = 'reload-secret';
let site: FixtureSite;
let workspace: Awaited<ReturnType<typeof makeWorkspace>>;
let server: Awaited<ReturnType<typeof runStart>>;
let url: string;
let log = '';
/** Where the symlinked `monitor.json` really lives: edits there raise no event in FEEDS_DIR. */
let outsideFile: string;

/** Poll `check` every 100 ms for up to 15 s. */
async function eventually<T>(what: string, check: () => Promise<T | undefined>): Promise<T> {
  for (let i = 0; i < 150; i++) {
    const value = await check();
    if (value !== undefined) return value;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`never happened: ${what}\n${log}`);
}

const text = async (route: string) => (await fetch(`${url}${route}`)).text();
/**
 * Waits until the server's log shows `pattern` (and fails after 15 s): it writes its lines once per turn of its event loop
 * (src/runtime/node/log.ts), so a line may reach this process after the answer that followed it.
 */
const logShowing = (pattern: RegExp) =>
  eventually(`a log line matching ${String(pattern)}`, () => Promise.resolve(pattern.test(log) ? log : undefined));
const status = async (route: string) => (await fetch(`${url}${route}`)).status;

interface Health {
  status: string;
  feeds: { id: string }[];
  problems: { file: string; field: string; reason: string }[];
}
const health = async () => (await (await fetch(`${url}/healthz`)).json()) as Health;

/** Write as editors do: a temporary file renamed over the definition. */
async function saveDefinition(id: string, definition: unknown): Promise<void> {
  const temporary = path.join(workspace.feedsDir, `.${id}.json.swp`);
  await writeFile(temporary, JSON.stringify(definition, null, 2));
  await rename(temporary, path.join(workspace.feedsDir, `${id}.json`));
}

beforeAll(async () => {
  site = await startFixtureSite();
  workspace = await makeWorkspace(site.origin, ['monitor']);
  const outside = path.join(workspace.dir, 'elsewhere');
  await mkdir(outside);
  outsideFile = path.join(outside, 'monitor.json');
  await rename(path.join(workspace.feedsDir, 'monitor.json'), outsideFile);
  await symlink(outsideFile, path.join(workspace.feedsDir, 'monitor.json'));
  server = await runStart({
    PORT: '0',
    FEEDS_DIR: workspace.feedsDir,
    DATA_DIR: workspace.dataDir,
    ADMIN_TOKEN: TOKEN,
  });
  server.stderr.on('data', (chunk: Buffer) => (log += chunk.toString()));
  url = await waitForUrl(server);
  await eventually('monitor built', async () => ((await status('/feeds/monitor.rss')) === 200 ? true : undefined));
});

afterAll(async () => {
  server.kill('SIGKILL');
  await site.close();
  await rm(workspace.dir, { recursive: true, force: true });
});

describe('FEEDS_DIR watched by a running server', () => {
  it('serves an added file at once: listed on /, refreshed, its feed built', async () => {
    await saveDefinition('blog', fixtureFeedDefinitions(site.origin).blog);
    await eventually('blog on the index', async () => ((await text('/')).includes('Steppe Notes') ? true : undefined));
    const rss = await eventually('blog built', async () => {
      const response = await fetch(`${url}/feeds/blog.rss`);
      return response.status === 200 ? response.text() : undefined;
    });
    expect(assertValidRss(rss).items.length).toBeGreaterThan(0);
    await logShowing(/definition added.*blog/);
  });

  it('reports an invalid new version on /healthz and keeps serving the previous one', async () => {
    const broken = { ...fixtureFeedDefinitions(site.origin).blog, license: { maxShare: 2, attribution: 'x' } };
    await writeFile(path.join(workspace.feedsDir, 'blog.json'), JSON.stringify(broken));
    const report = await eventually('the problem on /healthz', async () => {
      const body = await health();
      // Waited for by its field: a read in the middle of the write would be a JSON problem, soon replaced.
      return body.problems.some((problem) => problem.field === 'license.maxShare') ? body : undefined;
    });
    expect(report.status).toBe('degraded');
    expect(report.problems).toEqual([
      {
        file: path.join(workspace.feedsDir, 'blog.json'),
        field: 'license.maxShare',
        reason: expect.any(String) as string,
      },
    ]);
    expect(report.feeds.map((feed) => feed.id).sort()).toEqual(['blog', 'monitor']);
    expect(await status('/feeds/blog.rss')).toBe(200);
    expect(await text('/')).toContain('Steppe Notes');
    await logShowing(/definition invalid.*blog.*license\.maxShare/);
  });

  it('stops serving a removed file’s feed: 404 like an unknown feed, and its problem is gone', async () => {
    await unlink(path.join(workspace.feedsDir, 'blog.json'));
    await eventually('blog gone', async () => ((await status('/feeds/blog.rss')) === 404 ? true : undefined));
    expect(await status('/feeds/blog')).toBe(404);
    expect(await text('/')).not.toContain('Steppe Notes');
    expect(await health()).toMatchObject({ status: 'ok', problems: [] });
    await logShowing(/definition removed.*blog/);
  });
});

describe('FEEDS_DIR replaced as a whole folder', () => {
  it('watches the new folder', async () => {
    const next = `${workspace.feedsDir}.next`;
    await mkdir(next);
    await symlink(outsideFile, path.join(next, 'monitor.json'));
    await writeFile(path.join(next, 'blog.json'), JSON.stringify(fixtureFeedDefinitions(site.origin).blog));
    await rename(workspace.feedsDir, `${workspace.feedsDir}.old`);
    await rename(next, workspace.feedsDir);
    await eventually('blog back', async () => ((await text('/')).includes('Steppe Notes') ? true : undefined));
    // And the new folder is watched in turn.
    await unlink(path.join(workspace.feedsDir, 'blog.json'));
    await eventually('blog gone again', async () => ((await status('/feeds/blog')) === 404 ? true : undefined));
  });
});

describe('FEEDS_DIR gone for a while', () => {
  it('keeps the definitions in force, says why on POST /admin/reload, and watches the folder once it is back', async () => {
    const away = `${workspace.feedsDir}.away`;
    await rename(workspace.feedsDir, away);
    const response = await fetch(`${url}/admin/reload`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    expect(response.status).toBe(500);
    expect(await response.json()).toMatchObject({
      code: 'invalid-config',
      error: expect.stringContaining('cannot be read') as string,
    });
    expect(await status('/feeds/monitor.rss')).toBe(200);
    await rename(away, workspace.feedsDir);
    await saveDefinition('blog', fixtureFeedDefinitions(site.origin).blog);
    await eventually('blog seen in the folder back', async () =>
      (await status('/feeds/blog')) !== 404 ? true : undefined,
    );
    await unlink(path.join(workspace.feedsDir, 'blog.json'));
    await eventually('blog gone again', async () => ((await status('/feeds/blog')) === 404 ? true : undefined));
  });
});

describe('reloading on request', () => {
  const retitle = (title: string) =>
    writeFile(outsideFile, JSON.stringify({ ...fixtureFeedDefinitions(site.origin).monitor, title }));

  it('POST /admin/reload: behind the token; answers what changed', async () => {
    expect((await fetch(`${url}/admin/reload`, { method: 'POST' })).status).toBe(401);
    await retitle('Monitor, retitled');
    const response = await fetch(`${url}/admin/reload`, {
      method: 'POST',
      headers: { Authorization: `Bearer ${TOKEN}` },
    });
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({
      added: [],
      changed: [{ feed: 'monitor', file: path.join(workspace.feedsDir, 'monitor.json') }],
      removed: [],
      invalid: [],
      problems: [],
    });
    expect(await text('/')).toContain('Monitor, retitled');
  });

  it('SIGHUP re-reads the folder', async () => {
    await retitle('Monitor after a hang-up');
    server.kill('SIGHUP');
    await eventually('the new title', async () =>
      (await text('/')).includes('Monitor after a hang-up') ? true : undefined,
    );
    // One line for the POST's reload, one for this one. The server writes its log lines once per turn of its
    // event loop (src/runtime/node/log.ts), so the line may reach this process after the page does.
    const lines = await eventually("the hang-up's log line", () => {
      const found = log.match(/definition changed.*monitor/g) ?? [];
      return Promise.resolve(found.length >= 2 ? found : undefined);
    });
    expect(lines).toHaveLength(2);
  });

  it('applies the kill switch to a changed definition, and lifts it when the definition changes back', async () => {
    const reloadNow = async () => {
      const response = await fetch(`${url}/admin/reload`, {
        method: 'POST',
        headers: { Authorization: `Bearer ${TOKEN}` },
      });
      return (await response.json()) as { changed: { feed: string }[] };
    };
    const definition = fixtureFeedDefinitions(site.origin).monitor;
    await writeFile(outsideFile, JSON.stringify({ ...definition, enabled: false }));
    expect((await reloadNow()).changed).toEqual([expect.objectContaining({ feed: 'monitor' })]);
    expect(await status('/feeds/monitor.rss')).toBe(410);
    const takenDown = async () =>
      ((await (await fetch(`${url}/healthz`)).json()) as { feeds: { id: string; takenDown: unknown }[] }).feeds.find(
        (feed) => feed.id === 'monitor',
      )?.takenDown;
    expect(await takenDown()).toMatchObject({ reason: expect.stringContaining('enabled: false') as string });
    await writeFile(outsideFile, JSON.stringify(definition));
    expect((await reloadNow()).changed).toEqual([expect.objectContaining({ feed: 'monitor' })]);
    expect(await takenDown()).toBeNull();
  });

  it('still stops cleanly on SIGTERM', async () => {
    const done = runToEnd(server);
    server.kill('SIGTERM');
    expect((await done).code).toBe(0);
  });
});
