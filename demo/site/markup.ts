/**
 * @module demo/site/markup
 * Escaping and the page frame shared by every HTML page of the demo site. All text comes from the
 * articles module, so escaping is the only defence needed; it is still applied everywhere.
 */
import { SECTIONS, type Section } from './article.ts';

const ENTITIES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Text or attribute value → HTML/XML with the five special characters escaped. */
export function escapeMarkup(text: string): string {
  return text.replace(/[&<>"']/g, (char) => ENTITIES[char] ?? char);
}

/** JSON for a `<script type="application/ld+json">`: `<` escaped so no `</script>` can end it early. */
export function jsonForScript(value: unknown): string {
  return JSON.stringify(value, null, 2).replace(/</g, '\\u003c');
}

const STYLE = `body{font:17px/1.5 Georgia,serif;max-width:44rem;margin:0 auto;padding:0 1rem;color:#222}
header,footer{font-family:system-ui,sans-serif;font-size:.9rem}header nav a{margin-right:.8rem}
img{max-width:100%;height:auto}figcaption,.byline,time{color:#555;font-size:.85rem}
.story__premium{border-left:4px solid #b8860b;padding-left:1rem;background:#fdf6e3}`;

export interface PageFrame {
  readonly title: string;
  readonly language: Section['language'];
  /** Extra `<head>` lines (canonical, robots meta, JSON-LD, rel=next…), already escaped. */
  readonly head: readonly string[];
  readonly body: string;
  readonly publisher: string;
}

/** A whole HTML document with the masthead (the site's sections) and the footer. */
export function renderPage(frame: PageFrame): string {
  const nav = SECTIONS.map(
    (section) => `<a href="/${section.id}/" lang="${section.language}">${escapeMarkup(section.name)}</a>`,
  ).join(' ');
  return `<!DOCTYPE html>
<html lang="${frame.language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeMarkup(frame.title)}</title>
${frame.head.join('\n')}
<style>${STYLE}</style>
</head>
<body>
<header class="masthead"><p><a href="/">${escapeMarkup(frame.publisher)}</a></p><nav lang="en">${nav} <a href="/news/">All English news</a></nav></header>
<main>
${frame.body}
</main>
<footer class="colophon" lang="en"><p>The Ardel Courier is a newspaper invented for Lede’s demo: its city, people and news are made up.</p></footer>
</body>
</html>
`;
}
