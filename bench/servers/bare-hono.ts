/**
 * @module bench/servers/bare-hono
 * The second serve baseline: a bare Hono app on @hono/node-server (Lede's own stack, nothing else) sending
 * the bytes and headers Lede sent (bench/captured-answers.ts) as bytes. Prints `{"url": …}` on stdout.
 */
import { serve } from '@hono/node-server';
import { Hono } from 'hono';
import { pickCoding, readAnswers } from '../captured-answers.ts';
import { exitWithParent } from '../processes.ts';

const answers = readAnswers(process.env['ANSWERS'] ?? '');
const app = new Hono().get('*', (c) => {
  if (c.req.header('if-none-match') === answers.etag) return c.body(null, 304, answers.notModified);
  const answer = answers.ok[pickCoding(c.req.header('accept-encoding'))];
  return c.body(answer.body, 200, answer.headers);
});
const server = serve({ fetch: app.fetch, port: 0, hostname: '127.0.0.1' }, (info) => {
  process.stdout.write(`${JSON.stringify({ url: `http://127.0.0.1:${String(info.port)}` })}\n`);
});
exitWithParent();
process.on('SIGTERM', () => server.close(() => process.exit(0)));
