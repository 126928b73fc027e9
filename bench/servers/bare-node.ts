/**
 * @module bench/servers/bare-node
 * The serve baseline: a bare `node:http` server sending the bytes and headers Lede sent (bench/captured-
 * answers.ts) — a 304 to a matching If-None-Match, else the coding Accept-Encoding asks for. The least
 * any Node server can do to send those bytes. Prints `{"url": …}` on stdout.
 *
 * With `LOG_FILE` it also appends the request line issue 9 asks of every answered request at the default
 * LOG_LEVEL (Lede's fields, as one JSON object a line) to that file, in batches as Lede's log does (16 Ki
 * characters or 50 ms): the least any Node server that logs its requests does, so its ratio to the bare
 * server is the line's ceiling. It writes the line with its own few lines rather than Lede's log
 * (src/runtime/node/log.ts), so that the baseline measures the line, not Lede's way of writing it.
 */
import { openSync, writeSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pickCoding, readAnswers } from '../captured-answers.ts';
import { exitWithParent } from '../processes.ts';

const answers = readAnswers(process.env['ANSWERS'] ?? '');

/** One request line a call, written to `file` in batches; `flush` writes what is pending. */
function requestLines(file: string): {
  line: (status: number, started: number, bytes: number) => void;
  flush: () => void;
} {
  const fd = openSync(file, 'a');
  let pending = '';
  let timer: NodeJS.Timeout | undefined;
  let isoAt = 0;
  let iso = '';
  const flush = () => {
    clearTimeout(timer);
    timer = undefined;
    if (pending !== '') writeSync(fd, pending);
    pending = '';
  };
  const line = (status: number, started: number, bytes: number) => {
    const now = Date.now();
    if (now !== isoAt) iso = new Date((isoAt = now)).toISOString();
    const ms = Math.round((performance.now() - started) * 1000) / 1000;
    pending += `{"time":"${iso}","level":"info","msg":"request","method":"GET","path":"/feeds/bench.rss","route":"/feeds/:file","status":${String(status)},"ms":${String(ms)},"bytes":${String(bytes)}}\n`;
    if (pending.length >= 16 * 1024) flush();
    else timer ??= setTimeout(flush, 50).unref();
  };
  return { line, flush };
}

const logFile = process.env['LOG_FILE'];
const log = logFile ? requestLines(logFile) : undefined;
const server = createServer((request, response) => {
  const started = log ? performance.now() : 0;
  if (request.headers['if-none-match'] === answers.etag) {
    response.writeHead(304, answers.notModified).end();
    log?.line(304, started, 0);
    return;
  }
  const answer = answers.ok[pickCoding(request.headers['accept-encoding'])];
  response.writeHead(200, answer.headers).end(answer.body);
  log?.line(200, started, answers.ok.identity.body.byteLength);
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(
    `${JSON.stringify({ url: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}` })}\n`,
  );
});
exitWithParent();
process.on('SIGTERM', () => {
  log?.flush();
  server.close(() => process.exit(0));
});
