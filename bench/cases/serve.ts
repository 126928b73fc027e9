/**
 * @module bench/cases/serve
 * Serving a stored 50-item feed on Node, over real sockets with 50 connections: Lede as `npm start` runs it
 * (its SQLite store in a temp DATA_DIR, the feed built by its own start-up refresh from the loopback site,
 * non-ASCII text included) against a bare `node:http` server and a bare Hono app sending the bytes and
 * headers Lede sent. 200s without and with gzip and br, and 304s. Issue 11's targets: 200 ≥ 0.8×, 304 ≥ 0.9×
 * the requests/s of bare `node:http`. The load is bench/socket-load.ts's, which costs less CPU a request than
 * the servers it loads (undici's cost more, so the load generator set the pace). Each server's CPU per request
 * is reported too (from /proc): steadier than requests/s when other work shares the cores. A fourth server, the
 * bare `node:http` one appending the request log line Lede writes for every request at its default LOG_LEVEL,
 * shows what the line alone costs (the ceiling for any server that logs its requests, as the worker case shows
 * for Workers).
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { request } from 'undici';
import { addDetails, addRow, type BenchCase, type CaseContext } from '../case.ts';
import { CODINGS, keptHeaders, serializeAnswers, type CapturedAnswers, type Coding } from '../captured-answers.ts';
import { startBenchSite } from '../fixture-site.ts';
import { PUBLIC_URL, writeBenchFeedsDir } from '../lede-parts.ts';
import type { LoadRequest } from '../load.ts';
import { formatBytes, interleave, median, pairedRatio } from '../measure.ts';
import { spawnLede, spawnPrinting, type Child } from '../processes.ts';
import { runSocketLoad } from '../socket-load.ts';

const FEED_PATH = '/feeds/bench.rss';
const CONNECTIONS = 50;
const ACCEPT: Record<Coding, Record<string, string>> = {
  identity: {},
  gzip: { 'accept-encoding': 'gzip' },
  br: { 'accept-encoding': 'br, gzip' },
};

async function waitForFeed(url: string): Promise<void> {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    const response = await request(url);
    const body = await response.body.text();
    if (response.statusCode === 200) {
      const items = body.split('<item>').length - 1;
      if (items !== 50) throw new Error(`${FEED_PATH} lists ${String(items)} items, 50 expected`);
      return;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`${FEED_PATH} was not built within 120 s`);
}

/** What Lede answers for the feed, per coding, and to a conditional request. */
async function captureAnswers(origin: string): Promise<CapturedAnswers> {
  const ok = {} as Record<Coding, { headers: Record<string, string>; body: Uint8Array<ArrayBuffer> }>;
  for (const coding of CODINGS) {
    const response = await request(`${origin}${FEED_PATH}`, { headers: ACCEPT[coding] });
    const body = new Uint8Array(await response.body.arrayBuffer());
    const headers = new Headers();
    for (const [name, value] of Object.entries(response.headers))
      if (typeof value === 'string') headers.set(name, value);
    ok[coding] = { headers: keptHeaders(headers), body };
  }
  const etag = ok.identity.headers['etag'] ?? '';
  const conditional = await request(`${origin}${FEED_PATH}`, { headers: { 'if-none-match': etag } });
  await conditional.body.dump();
  if (conditional.statusCode !== 304) throw new Error(`conditional GET: ${String(conditional.statusCode)}, not 304`);
  const headers = new Headers();
  for (const [name, value] of Object.entries(conditional.headers))
    if (typeof value === 'string') headers.set(name, value);
  return { etag, ok, notModified: keptHeaders(headers) };
}

function scenarios(etag: string): [string, LoadRequest][] {
  return [
    ['200', { path: FEED_PATH, status: 200 }],
    ['304', { path: FEED_PATH, headers: { 'if-none-match': etag }, status: 304 }],
    ['200 gzip', { path: FEED_PATH, headers: ACCEPT.gzip, status: 200 }],
    ['200 br', { path: FEED_PATH, headers: ACCEPT.br, status: 200 }],
  ];
}

type Side = 'lede' | 'node' | 'hono' | 'line';

/** CPU time (µs) process `pid` has used, from /proc (utime and stime, fields 14 and 15 of proc(5)); 0 off Linux. */
async function cpuMicros(pid: number | undefined): Promise<number> {
  if (pid === undefined) return 0;
  const stat = await readFile(`/proc/${String(pid)}/stat`, 'utf8').catch(() => '');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // USER_HZ is 100 on every Linux the bench runs on.
  return (Number(fields[11] ?? 0) + Number(fields[12] ?? 0)) * 10_000;
}

/** Lede's server CPU per request against a baseline server's (`node`: bare node:http; `line`: it + the log line). */
function addCpuRow(context: CaseContext, name: string, cpu: Record<Side, number[]>, baseline: 'node' | 'line'): void {
  if (median(cpu.lede) === 0) return;
  const perRequest = (side: Side) => `${median(cpu[side]).toFixed(1)} µs`;
  addRow(context, {
    case: 'serve',
    measure: `${name} server CPU per request vs bare node:http${baseline === 'line' ? ' + log line' : ''}`,
    lede: perRequest('lede'),
    baseline: perRequest(baseline),
    ratio: pairedRatio(cpu[baseline], cpu.lede),
  });
}

async function measure(context: CaseContext, servers: Record<Side, Child>, answers: CapturedAnswers) {
  // 9 rounds of 1.5 s rather than 5 of 2 s: a busy machine's rounds range widely (one pair's ratio 0.45, the
  // next 0.95), and a median of more of them moves less between runs, for every side alike.
  const rounds = context.quick ? 1 : 9;
  const duration = context.quick ? 200 : 1500;
  for (const [name, load] of scenarios(answers.etag)) {
    const cpu: Record<Side, number[]> = { lede: [], node: [], hono: [], line: [] };
    const run = (side: Side) => async () => {
      const pid = servers[side].process.pid;
      const before = await cpuMicros(pid);
      const result = await runSocketLoad(servers[side].url, load, CONNECTIONS, duration);
      cpu[side].push(((await cpuMicros(pid)) - before) / Math.max(1, result.requests));
      return result.requestsPerSecond;
    };
    const samples = await interleave(rounds, {
      lede: run('lede'),
      node: run('node'),
      hono: run('hono'),
      line: run('line'),
    });
    const rps = (values: number[]) => `${median(values).toFixed(0)} req/s`;
    const target = { bound: 'min', value: name === '304' ? 0.9 : 0.8 } as const;
    addRow(context, {
      case: 'serve',
      measure: `${name} req/s vs bare node:http`,
      lede: rps(samples.lede),
      baseline: rps(samples.node),
      ratio: pairedRatio(samples.lede, samples.node),
      target,
    });
    addRow(context, {
      case: 'serve',
      measure: `${name} req/s vs bare Hono (bytes)`,
      lede: rps(samples.lede),
      baseline: rps(samples.hono),
      ratio: pairedRatio(samples.lede, samples.hono),
    });
    addCpuRow(context, name, cpu, 'node');
    addRow(context, {
      case: 'serve',
      measure: `${name} req/s, bare node:http + log line vs bare node:http: the log line's ceiling`,
      lede: rps(samples.line),
      baseline: rps(samples.node),
      ratio: pairedRatio(samples.line, samples.node),
    });
    addCpuRow(context, name, cpu, 'line');
  }
}

/** @example await benchServe({ quick: true, report }) */
export const benchServe: BenchCase = async (context) => {
  const dir = await mkdtemp(path.join(tmpdir(), 'lede-bench-serve-'));
  const site = await startBenchSite(0);
  const children: Child[] = [];
  try {
    const feedsDir = await writeBenchFeedsDir(dir, site.origin);
    const env = { FEEDS_DIR: feedsDir, DATA_DIR: path.join(dir, 'data'), PUBLIC_URL };
    const lede = await spawnLede(env, path.join(dir, 'lede.log'));
    children.push(lede);
    await waitForFeed(`${lede.url}${FEED_PATH}`);
    const answers = await captureAnswers(lede.url);
    const answersFile = path.join(dir, 'answers.json');
    await writeFile(answersFile, serializeAnswers(answers));
    const bare = await spawnPrinting('bench/servers/bare-node.ts', { ANSWERS: answersFile });
    children.push(bare);
    const hono = await spawnPrinting('bench/servers/bare-hono.ts', { ANSWERS: answersFile });
    children.push(hono);
    const logFile = path.join(dir, 'bare-node.log');
    const line = await spawnPrinting('bench/servers/bare-node.ts', { ANSWERS: answersFile, LOG_FILE: logFile });
    children.push(line);
    const identity = answers.ok.identity.body;
    addDetails(context, 'serve', [
      `- ${FEED_PATH}: 50 items, ${formatBytes(identity.byteLength)} identity, ${formatBytes(answers.ok.gzip.body.byteLength)} gzip, ${formatBytes(answers.ok.br.body.byteLength)} br; non-ASCII bytes: ${identity.some((byte) => byte > 127) ? 'yes' : 'no'}.`,
      `- ${String(CONNECTIONS)} keep-alive connections (bench/socket-load.ts: node:net in the bench process, cheaper per request than the servers, so requests/s measure the server), ${context.quick ? '1 round of 0.2 s' : '9 rounds of 1.5 s'} per server and answer, alternating; ratio = median of per-round ratios.`,
      "- Lede runs as `npm start` does (dist/node/main.js built from src/runtime/node/main.ts, with the start script's Node flags; LOG_LEVEL=info: one log line per request, to a file).",
      "- Server CPU per request: each server process's user + system CPU time over a round (/proc) ÷ its requests; ratio = bare node:http's ÷ Lede's (the share of bare node:http's throughput Lede would reach on a busy core).",
      "- One more baseline, for information: the bare node:http server also appending the request log line issue 9 asks of every answered request at the default LOG_LEVEL (Lede's fields, one JSON object a line, written to a file in batches of 16 Ki characters or 50 ms as Lede's log is). Its ratio to the bare server is the ceiling for any Node server that logs its requests; Lede's CPU against it is what Lede costs beyond the line.",
    ]);
    await measure(context, { lede, node: bare, hono, line }, answers);
  } finally {
    for (const child of children.reverse()) await child.stop();
    await site.close();
    await rm(dir, { recursive: true, force: true });
  }
};
