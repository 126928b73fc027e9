/**
 * The one shape of a log event on both runtimes (src/core/log-entry.ts): the envelope, fields that would
 * clobber it, errors that JSON.stringify would print as `{}`, and credentials in URLs.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LedeError } from '../../src/core/errors.ts';
import { isLogged, toLogEntry, toLogLine } from '../../src/core/log-entry.ts';
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

/** Text JSON must escape (quotes, backslashes, controls, lone surrogates), `@` and credentials in URLs. */
const awkwardText = fc.oneof(
  fc.string({ unit: 'binary' }),
  fc.constantFrom('', '"', '\\', '\n\t\u0000\u001f', '\u2028', '\ud800', '\udfff', 'é€😀', 'a@b'),
  fc.constantFrom('https://user:pass@example.com/feed', 'see http://token@x.example and https://y/@z'),
  fc.webPath(),
);
const anyNumber = fc.oneof(
  fc.double(),
  fc.integer(),
  fc.constantFrom(0, -0, 1e21, 1e-7, Number.MAX_VALUE, Number.NaN, Infinity, -Infinity),
);
const level = fc.constantFrom('debug' as const, 'info' as const, 'warn' as const, 'error' as const);

describe('toLogLine', () => {
  it('writes what JSON.stringify writes of a request entry, for any method, path, status, ms and bytes (property)', () => {
    const request = fc.record({
      method: fc.oneof(fc.constantFrom('GET', 'HEAD', 'POST'), awkwardText),
      path: awkwardText,
      route: fc.oneof(fc.constantFrom('/feeds/:file', 'unmatched'), awkwardText),
      status: fc.oneof(fc.integer({ min: 100, max: 599 }), anyNumber),
      ms: fc.oneof(fc.double({ min: 0, max: 60_000, noNaN: true }), anyNumber),
      bytes: fc.oneof(fc.nat(), anyNumber),
    });
    fc.assert(
      fc.property(request, awkwardText, fc.date({ noInvalidDate: true }), (event, msg, date) => {
        const time = date.toISOString();
        expect(toLogLine('info', 'request', event, time)).toBe(
          JSON.stringify(toLogEntry('info', 'request', event, time)),
        );
        expect(toLogLine('info', msg, event, time)).toBe(JSON.stringify(toLogEntry('info', msg, event, time)));
      }),
      { numRuns: 2000 },
    );
  });

  it('writes what JSON.stringify writes of a request entry missing fields, with others, or reordered (property)', () => {
    const member = fc.oneof(
      fc.tuple(fc.constantFrom('method', 'path', 'route', 'time', 'msg', 'x'), awkwardText),
      fc.tuple(fc.constantFrom('status', 'ms', 'bytes', '0', 'level'), anyNumber),
      fc.tuple(fc.constantFrom('method', 'status', 'ms', 'bytes'), fc.constantFrom(undefined, null, true, '1', 2, {})),
    );
    const inOrder = fc.constant([
      ['method', 'GET'],
      ['path', '/feeds/a.rss'],
      ['route', '/feeds/:file'],
      ['status', 200],
      ['ms', 0.5],
      ['bytes', 10],
    ] as [string, unknown][]);
    const fieldsOf = fc
      .tuple(inOrder, fc.array(member, { maxLength: 3 }), fc.nat(6), fc.boolean())
      .map(([request, extra, at, swap]) => {
        const entries = [...request.slice(0, at), ...extra, ...request.slice(at)];
        if (swap && entries.length > 1) entries.push(entries.shift()!);
        return Object.fromEntries(entries);
      });
    fc.assert(
      fc.property(level, fieldsOf, (lvl, fields) => {
        expect(toLogLine(lvl, 'request', fields, AT)).toBe(JSON.stringify(toLogEntry(lvl, 'request', fields, AT)));
      }),
      { numRuns: 2000 },
    );
  });

  it('writes what JSON.stringify writes of any entry, whatever its fields (property)', () => {
    const key = fc.oneof(
      fc.constantFrom(
        'time',
        'level',
        'msg',
        'field_time',
        '0',
        '12',
        '1a',
        '-1',
        '__proto__',
        'constructor',
        'a"b',
        '',
      ),
      fc.string(),
    );
    const value = fc.oneof(
      awkwardText,
      anyNumber,
      fc.boolean(),
      fc.constantFrom(undefined, null, () => 1, Symbol('s'), 10n, new Error('x@y'), new Date(0)),
      fc.jsonValue(),
      fc.array(awkwardText, { maxLength: 3 }),
    );
    fc.assert(
      fc.property(level, awkwardText, fc.dictionary(key, value, { maxKeys: 8 }), (lvl, msg, fields) => {
        expect(toLogLine(lvl, msg, fields, AT)).toBe(JSON.stringify(toLogEntry(lvl, msg, fields, AT)));
      }),
      { numRuns: 2000 },
    );
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
