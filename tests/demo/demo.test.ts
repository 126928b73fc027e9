/**
 * @module tests/demo/demo.test
 * `npm run demo` as a newcomer runs it: the real command in its own process group (as a terminal runs
 * it), a free port and a temp DATA_DIR. It must print the URLs and be ready, with items, within 15 s;
 * its feeds carry backlinks and handle the paywalled and nosnippet articles as the licence engine does;
 * Ctrl-C (SIGINT to the group) closes both servers and exits 0.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { connect } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENGLISH_ARTICLES } from '../../demo/site/articles-en.ts';
import { assertValidJsonFeed, assertValidRss, findBacklink, htmlToText } from '../helpers/feed-validity.ts';

const ROOT = path.resolve(import.meta.dirname, '../..');
const IDS = ['demo-rss', 'demo-sitemap', 'demo-listing', 'demo-ru', 'demo-kk'];
const READY_WITHIN_MS = 15_000;

interface Ready {
  readonly siteOrigin: string;
  readonly ledeUrl: string;
  readonly stdout: string;
  /** When the command was started (epoch ms) and how long it took to print "Ready in". */
  readonly started: number;
  readonly ms: number;
}

function waitForReady(child: ChildProcess, started: number): Promise<Ready> {
  return new Promise((resolve, reject) => {
    let stdout = '';
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.stdout?.on('data', (chunk: Buffer) => {
      stdout += chunk.toString();
      const site = /Demo site\s+(http:\/\/\S+?)\/?\s/.exec(stdout);
      const lede = /Lede\s+(http:\/\/\S+?)\/?\s/.exec(stdout);
      if (site && lede && /Ready in/.test(stdout)) {
        resolve({ siteOrigin: site[1]!, ledeUrl: lede[1]!, stdout, started, ms: Date.now() - started });
      }
    });
    child.on('exit', (code) => reject(new Error(`npm run demo exited with ${String(code)}:\n${stdout}\n${stderr}`)));
  });
}

function isListening(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname);
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/** `npm run demo` in its own process group, so that a SIGINT to the group is what Ctrl-C in a terminal sends. */
function startDemo(dataDir: string): { child: ChildProcess; ready: Promise<Ready> } {
  const started = Date.now();
  const child = spawn('npm', ['run', 'demo'], {
    cwd: ROOT,
    detached: true,
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? tmpdir(), PORT: '0', DATA_DIR: dataDir },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  return { child, ready: waitForReady(child, started) };
}

function exitCode(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

const findArticle = (slug: string) => ENGLISH_ARTICLES.find((article) => article.slug === slug)!;

describe('npm run demo', () => {
  let dataDir: string;
  let child: ChildProcess;
  let ready: Ready;

  beforeAll(async () => {
    dataDir = await mkdtemp(path.join(tmpdir(), 'lede-demo-'));
    const demo = startDemo(dataDir);
    child = demo.child;
    ready = await demo.ready;
  }, 30_000);

  afterAll(async () => {
    if (child.exitCode === null && child.pid !== undefined) process.kill(-child.pid, 'SIGKILL');
    await rm(dataDir, { recursive: true, force: true });
  });

  it(`prints every URL to open and has items within ${READY_WITHIN_MS / 1000} s`, async () => {
    expect(ready.ms).toBeLessThan(READY_WITHIN_MS);
    expect(ready.stdout).toContain(`${ready.ledeUrl}/healthz`);
    for (const id of IDS) {
      for (const suffix of ['', '.rss', '.atom', '.json'])
        expect(ready.stdout).toContain(`${ready.ledeUrl}/feeds/${id}${suffix}`);
      expect(ready.stdout).toMatch(new RegExp(`${id}\\s+[1-9]\\d* items \\(ok\\)`));
    }
    // Its own data folder: the definitions and the SQLite store are in DATA_DIR.
    expect((await readdir(path.join(dataDir, 'feeds'))).sort()).toEqual(IDS.map((id) => `${id}.json`).sort());
    expect(existsSync(path.join(dataDir, 'lede.sqlite'))).toBe(true);
    const health = (await (await fetch(`${ready.ledeUrl}/healthz`)).json()) as { status: string };
    expect(health.status).toBe('ok');
  });

  it('serves each feed with items that link back to the demo site', async () => {
    for (const id of IDS) {
      const response = await fetch(`${ready.ledeUrl}/feeds/${id}.rss`);
      expect(response.status).toBe(200);
      const feed = assertValidRss(await response.text());
      expect(feed.items.length).toBeGreaterThan(0);
      for (const item of feed.items) {
        expect(item.link.startsWith(`${ready.siteOrigin}/`)).toBe(true);
        expect(findBacklink(item.html)?.href).toBe(item.link);
      }
    }
    const kazakh = assertValidRss(await (await fetch(`${ready.ledeUrl}/feeds/demo-kk.rss`)).text());
    expect(kazakh.items[0]!.html).toContain('Мақаланы толық оқу:');
  });

  it('gives the nosnippet article its title and backlink only, and never quotes the paywalled section', async () => {
    const feed = assertValidJsonFeed(await (await fetch(`${ready.ledeUrl}/feeds/demo-rss.json`)).text());
    const itemOf = (slug: string) => feed.items.find((item) => item.link.endsWith(`/${slug}`))!;

    const nosnippet = htmlToText(itemOf('felt-makers-exhibition').html, { dropBacklink: true });
    expect(nosnippet).toBe('The publisher does not allow excerpts of this article.');

    const paywalled = findArticle('harbour-ledger-freight');
    const excerpt = htmlToText(itemOf(paywalled.slug).html, { dropBacklink: true });
    expect(excerpt).toContain(paywalled.paragraphs[0]!.slice(0, 60));
    for (const premium of paywalled.premium!) expect(excerpt).not.toContain(premium.slice(0, 40));

    // The image without a credit is left out under the default licence (images: "credited").
    expect(itemOf('pupils-build-weather-station').html).not.toContain('<img');
    expect(itemOf('council-brings-back-night-buses').html).toContain('<img');
  });

  it('stops both servers on Ctrl-C (SIGINT) and exits 0', async () => {
    const exited = exitCode(child);
    process.kill(-child.pid!, 'SIGINT');
    expect(await exited).toBe(0);
    expect(await isListening(ready.ledeUrl)).toBe(false);
    expect(await isListening(ready.siteOrigin)).toBe(false);
  });

  it('runs again on the same DATA_DIR (site on its previous port, every feed refreshed) and stops on SIGTERM', async () => {
    const again = startDemo(dataDir);
    child = again.child;
    const second = await again.ready;
    expect(second.siteOrigin).toBe(ready.siteOrigin);
    const health = (await (await fetch(`${second.ledeUrl}/healthz`)).json()) as {
      feeds: { id: string; lastAttemptAt: string }[];
    };
    // The start-up refresh skips feeds refreshed before; the demo refreshes them anyway.
    for (const feed of health.feeds) expect(Date.parse(feed.lastAttemptAt)).toBeGreaterThan(second.started);
    for (const id of IDS) expect(second.stdout).toMatch(new RegExp(`${id}\\s+[1-9]\\d* items \\(ok\\)`));
    // A process manager stops the process npm started, not its group.
    const exited = exitCode(child);
    child.kill('SIGTERM');
    expect(await exited).toBe(0);
    expect(await isListening(second.ledeUrl)).toBe(false);
    expect(await isListening(second.siteOrigin)).toBe(false);
  }, 30_000);
});
