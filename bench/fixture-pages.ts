/**
 * @module bench/fixture-pages
 * The pages of the bench's loopback news site: deterministic article pages (≈20 KB, a real site's shape —
 * header, navigation, article, related links, footer — with non-ASCII text: curly quotes, dashes, Kazakh
 * Cyrillic) and an RSS 2.0 listing of them. Deterministic so every run and every round fetch the same bytes.
 */

/** Words of the generated text: English, Kazakh Cyrillic, numbers, so the text compresses as real news does. */
const WORDS = (
  'the senate water code reform canal farmers region minister deputies irrigation losses network akimat ' +
  'figures monthly rules critics by-laws billion cubic metres drip hectares pilot metering budget tariff ' +
  'river basin drought harvest cotton wheat rice reservoir dam pumping station repair contract tender ' +
  'report audit committee hearing vote amendment draft law parliament government ministry agency ' +
  'су кодексі заң жобасы сенат мақұлданды ведомство суармалы жер оңтүстік өңір арна фермер ' +
  'шаруашылық бюджет тариф өзен бөген егін мақта бидай күріш жөндеу келісімшарт есеп аудит ' +
  'in on of for with after before under over about from into across against between during without ' +
  'said says told argued warned noted added asked estimated reported announced expected planned ' +
  'new old main local national regional public private small large first last next early late ' +
  '2025 1980s 4,000 1.2 30% 15 million tenge Turkistan Kyzylorda Almaty Astana Shymkent Zhambyl'
).split(' ');
const QUOTES = ['“', '”', '—', '‘', '’', '«', '»'] as const;

/** A small deterministic PRNG (mulberry32): the same seed gives the same page on every run. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function sentence(next: () => number): string {
  const length = 8 + Math.floor(next() * 18);
  const words = Array.from({ length }, () => WORDS[Math.floor(next() * WORDS.length)] ?? '');
  if (next() < 0.3) {
    const at = Math.floor(next() * length);
    words[at] = `${QUOTES[0]}${words[at] ?? ''}${QUOTES[1]}`;
  }
  if (next() < 0.2) words.splice(Math.floor(next() * length), 0, QUOTES[2]);
  const text = words.join(' ');
  return `${text.charAt(0).toUpperCase()}${text.slice(1)}.`;
}

function paragraph(next: () => number): string {
  const count = 2 + Math.floor(next() * 4);
  return `<p>${Array.from({ length: count }, () => sentence(next)).join(' ')}</p>`;
}

const NAV = ['Politics', 'Economy', 'Society', 'Culture', 'Sport', 'World', 'Opinion', 'Саясат', 'Экономика'];

/** Path of article `index` on the site. */
export function articlePath(index: number): string {
  return `/news/${String(index)}/water-code-${String(index)}.html`;
}

/** The publication date of article `index`: one a day, newest last. */
export function articleDate(index: number): Date {
  return new Date(Date.UTC(2025, 0, 1) + index * 3_600_000);
}

/** An article page as a news site sends it (≈20 KB). */
export function renderArticlePage(origin: string, index: number): string {
  const title = `Senate backs “water code” overhaul — part ${String(index)}`;
  const nav = NAV.map((name) => `<li class="menu__item"><a href="${origin}/${name}/">${name}</a></li>`).join('');
  const next = random(index + 1);
  const related = Array.from(
    { length: 12 },
    (_, i) =>
      `<li class="related__item"><a href="${origin}${articlePath(index + i + 1)}">Related story ${String(i)} — ${sentence(next)}</a></li>`,
  ).join('');
  const body = Array.from({ length: 16 }, () => paragraph(next)).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>${title} | The Bench Monitor</title>
<meta name="description" content="${sentence(random(index))}">
<meta property="og:title" content="${title}"><meta property="og:type" content="article">
<meta property="article:published_time" content="${articleDate(index).toISOString()}">
<meta name="author" content="Aigerim Sadykova"><link rel="canonical" href="${origin}${articlePath(index)}">
<link rel="stylesheet" href="${origin}/static/site.css"><script src="${origin}/static/site.js" defer></script>
</head><body><header class="header"><a class="logo" href="${origin}/">The Bench Monitor</a>
<nav class="menu"><ul>${nav}</ul></nav><form class="search"><input name="q" placeholder="Search"></form></header>
<main class="layout"><article class="article"><h1 class="article__title">${title}</h1>
<div class="article__meta"><span class="article__author">Aigerim Sadykova</span>
<time datetime="${articleDate(index).toISOString()}">${articleDate(index).toDateString()}</time></div>
<div class="article__body">${body}</div>
<div class="share"><a href="#">Facebook</a><a href="#">Telegram</a><a href="#">X</a></div></article>
<aside class="related"><h2>Read also</h2><ul>${related}</ul></aside></main>
<footer class="footer"><p>© 2025 The Bench Monitor. Only 30% of an article may be used with a hyperlink.</p>
<ul>${nav}</ul></footer></body></html>`;
}

function escapeXml(text: string): string {
  return text.replaceAll('&', '&amp;').replaceAll('<', '&lt;').replaceAll('>', '&gt;');
}

/** An RSS 2.0 listing of the newest `window` of articles `[0, count)` (all of them by default), newest first. */
export function renderListing(origin: string, count: number, window = count): string {
  const items: string[] = [];
  for (let index = count - 1; index >= Math.max(0, count - window); index--) {
    const url = `${origin}${articlePath(index)}`;
    items.push(
      `<item><title>${escapeXml(`Senate backs “water code” overhaul — part ${String(index)}`)}</title><link>${url}</link>` +
        `<guid>${url}</guid><pubDate>${articleDate(index).toUTCString()}</pubDate></item>`,
    );
  }
  return `<?xml version="1.0" encoding="utf-8"?>
<rss version="2.0"><channel><title>The Bench Monitor</title><link>${origin}/</link>
<description>Bench news</description>${items.join('\n')}</channel></rss>`;
}
