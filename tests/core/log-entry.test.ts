/**
 * The one shape of a log event on both runtimes (src/core/log-entry.ts): the envelope, fields that would
 * clobber it, errors that JSON.stringify would print as `{}`, and credentials in URLs.
 */
import { describe, expect, it } from 'vitest';
import { LedeError } from '../../src/core/errors.ts';
import { isLogged, toLogEntry } from '../../src/core/log-entry.ts';
import { redactUserinfo } from '../../src/core/url.ts';

const AT = '2026-11-30T22:35:01.123Z';

describe('toLogEntry', () => {
  it('puts time, level and msg first, then the fields', () => {
    const entry = toLogEntry('info', 'request', { method: 'GET', status: 200, ms: 1.5 }, AT);
    expect(entry).toEqual({
      time: AT,
      level: 'info',
      msg: 'request',
      method: 'GET',
      status: 200,
      ms: 1.5,
    });
    expect(Object.keys(entry).slice(0, 3)).toEqual(['time', 'level', 'msg']);
  });

  it('keeps a field named time, level or msg beside the envelope instead of over it', () => {
    const entry = toLogEntry('warn', 'real message', { msg: 'field', level: 'x', time: 3 }, AT);
    expect(entry).toMatchObject({ time: AT, level: 'warn', msg: 'real message' });
    expect(entry).toMatchObject({ field_msg: 'field', field_level: 'x', field_time: 3 });
  });

  it('describes errors by name, message, code, status and cause, never as {}', () => {
    const cause = Object.assign(new Error('connect ECONNREFUSED 127.0.0.1:9'), { code: 'ECONNREFUSED' });
    const error = new LedeError('http-status', 'HTTP 503', { status: 503, cause });
    const entry = toLogEntry('error', 'failed', { error, nested: { errors: [new TypeError('bad')] } }, AT);
    expect(entry['error']).toEqual({
      name: 'LedeError',
      message: 'HTTP 503',
      code: 'http-status',
      status: 503,
      cause: { name: 'Error', message: 'connect ECONNREFUSED 127.0.0.1:9', code: 'ECONNREFUSED' },
    });
    expect(entry['nested']).toEqual({ errors: [{ name: 'TypeError', message: 'bad' }] });
  });

  it('redacts credentials in URLs in the message and in every string field, nested ones too', () => {
    const entry = toLogEntry(
      'warn',
      'cannot read https://me:pw@news.example/rss',
      {
        url: 'https://me:pw@news.example/rss',
        error: new Error('for http://token@h.example/x'),
        list: ['ftp://a:b@c/'],
      },
      AT,
    );
    expect(JSON.stringify(entry)).not.toMatch(/me:pw|token@|a:b@/);
    expect(entry).toMatchObject({
      msg: 'cannot read https://***@news.example/rss',
      url: 'https://***@news.example/rss',
    });
  });

  it('drops what JSON drops, and keeps the event when a field cannot be serialised', () => {
    const cycle: Record<string, unknown> = {};
    cycle['self'] = cycle;
    const entry = toLogEntry('debug', 'odd', { gone: undefined, fn: () => 1, big: 10n, when: new Date(AT), cycle }, AT);
    expect(entry).toEqual({
      time: AT,
      level: 'debug',
      msg: 'odd',
      big: '10',
      when: AT,
      cycle: '[unserialisable]',
    });
  });
});

describe('redactUserinfo', () => {
  it.each([
    ['https://user:pass@example.com/feed', 'https://***@example.com/feed'],
    ['http://token@example.com', 'http://***@example.com'],
    ['see https://a:b@x.example/1 and https://y.example/@z', 'see https://***@x.example/1 and https://y.example/@z'],
    ['mailto:someone@example.com', 'mailto:someone@example.com'],
    ['https://example.com/path?q=a@b', 'https://example.com/path?q=a@b'],
  ])('%s → %s', (text, redacted) => {
    expect(redactUserinfo(text)).toBe(redacted);
  });
});

describe('isLogged', () => {
  it('passes a level at or above the threshold', () => {
    expect(isLogged('debug', 'info')).toBe(false);
    expect(isLogged('info', 'info')).toBe(true);
    expect(isLogged('error', 'warn')).toBe(true);
    expect(isLogged('warn', 'error')).toBe(false);
  });
});
