/**
 * Plain answers (src/core/serve/plain-answer.ts): an ordinary Response, whose parts are kept beside it for
 * what wraps the app (the request log, Node's compression), and only for the responses it made.
 */
import { describe, expect, it } from 'vitest';
import { answerPlainly, plainAnswerOf } from '../../../src/core/serve/plain-answer.ts';

describe('answerPlainly', () => {
  it('is a Response with the given status, headers and bytes, its parts readable without its headers', async () => {
    const bytes = new TextEncoder().encode('<rss>“степь”</rss>');
    const headers = Object.freeze({ ETag: '"a"', 'Content-Type': 'application/rss+xml; charset=utf-8' });
    const response = answerPlainly({ status: 200, body: bytes, headers });
    expect(plainAnswerOf(response)).toEqual({ status: 200, body: bytes, headers });
    expect(response.status).toBe(200);
    expect(response.headers.get('etag')).toBe('"a"');
    expect(new Uint8Array(await response.arrayBuffer())).toEqual(bytes);
  });

  it('answers a 304 without a body; any other Response has no plain parts', async () => {
    const response = answerPlainly({ status: 304, body: null, headers: { ETag: '"a"' } });
    expect(response.status).toBe(304);
    expect(await response.text()).toBe('');
    expect(plainAnswerOf(new Response('x', { headers: { ETag: '"a"' } }))).toBeUndefined();
  });
});
