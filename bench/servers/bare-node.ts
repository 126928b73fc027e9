/**
 * @module bench/servers/bare-node
 * The serve baseline: a bare `node:http` server sending the bytes and headers Lede sent (bench/captured-
 * answers.ts) — a 304 to a matching If-None-Match, else the coding Accept-Encoding asks for. The least
 * any Node server can do to send those bytes. Prints `{"url": …}` on stdout.
 */
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { pickCoding, readAnswers } from '../captured-answers.ts';
import { exitWithParent } from '../processes.ts';

const answers = readAnswers(process.env['ANSWERS'] ?? '');
const server = createServer((request, response) => {
  if (request.headers['if-none-match'] === answers.etag) {
    response.writeHead(304, answers.notModified).end();
    return;
  }
  const answer = answers.ok[pickCoding(request.headers['accept-encoding'])];
  response.writeHead(200, answer.headers).end(answer.body);
});
server.keepAliveTimeout = 30_000;
server.listen(0, '127.0.0.1', () => {
  process.stdout.write(
    `${JSON.stringify({ url: `http://127.0.0.1:${String((server.address() as AddressInfo).port)}` })}\n`,
  );
});
exitWithParent();
process.on('SIGTERM', () => server.close(() => process.exit(0)));
