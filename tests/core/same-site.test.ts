/**
 * core/same-site: one site is one registrable domain (Public Suffix List, through tldts, private section
 * included); IP addresses and names the list cannot place are sites of their own.
 */
import { describe, expect, it } from 'vitest';
import { createSameSiteCheck, isSameSite, isSameSiteUrl, readRegistrableDomain } from '../../src/core/same-site.ts';

describe('isSameSite', () => {
  it.each([
    ['example.com', 'www.example.com', true],
    ['WWW.Example.COM', 'example.com', true],
    ['example.com.', 'example.com', true],
    ['example.com', 'example.org', false],
    ['127.0.0.1', 'localhost', false],
    // The registrable domain decides: subdomains of one site are that site.
    ['news.example.com', 'example.com', true],
    ['www.www.example.com', 'example.com', true],
    ['en.qazmonitor.com', 'kz.qazmonitor.com', true],
    // Public suffixes, ICANN and private: the label before them is the site.
    ['www.bbc.co.uk', 'news.bbc.co.uk', true],
    ['bbc.co.uk', 'other.co.uk', false],
    ['akorda.gov.kz', 'primeminister.gov.kz', false],
    ['alice.github.io', 'bob.github.io', false],
    ['127.0.0.1', '127.0.0.2', false],
  ])('isSameSite(%s, %s) is %s', (a, b, expected) => {
    expect(isSameSite(a, b)).toBe(expected);
  });
});

describe('readRegistrableDomain', () => {
  it.each([
    ['en.qazmonitor.com', 'qazmonitor.com'],
    ['www.akorda.gov.kz', 'akorda.gov.kz'],
    ['alice.github.io', 'alice.github.io'],
    ['localhost', 'localhost'],
    ['[::1]', '[::1]'],
  ])('%s → %s', (host, expected) => {
    expect(readRegistrableDomain(host)).toBe(expected);
  });
});

describe('isSameSiteUrl', () => {
  it('compares the URLs’ hosts, ignoring scheme and port, and is false for what is not a URL', () => {
    expect(isSameSiteUrl('https://en.example.com/a', 'http://example.com:8080/rss')).toBe(true);
    expect(isSameSiteUrl('https://example.org/a', 'https://example.com/')).toBe(false);
    expect(isSameSiteUrl('not a url', 'https://example.com/')).toBe(false);
  });
});

describe('createSameSiteCheck', () => {
  it('answers as isSameSiteUrl against any of its sites, past the number of hosts it remembers', () => {
    const sites = ['https://example.com/rss', 'https://news.example.org/', 'not a url'];
    const isOwn = createSameSiteCheck(sites);
    // 600 hosts: more than the check remembers, so it forgets and asks again, with the same answers.
    const urls = Array.from({ length: 600 }, (_, i) =>
      i % 3 === 0 ? `https://h${String(i)}.example.com/a` : `https://h${String(i)}.example.net/a`,
    );
    for (const url of [...urls, ...urls, 'not a url', 'https://www.example.org/x']) {
      expect(isOwn(url), url).toBe(sites.some((site) => isSameSiteUrl(url, site)));
    }
  });
});
