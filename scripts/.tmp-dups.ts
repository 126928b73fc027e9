import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { extractArticle } from '../src/core/extract/extract-article.ts';
const roots = process.argv.slice(2);
const files: string[] = [];
const walk = (d: string) => { for (const f of readdirSync(d)) { const p = path.join(d, f); if (statSync(p).isDirectory()) walk(p); else if (/\.html$/.test(f)) files.push(p); } };
roots.forEach(walk);
for (const f of files) {
  const a = await extractArticle(readFileSync(f, 'utf8'), 'https://example.com/a');
  const ps = a.text.split('\n\n');
  // count paragraphs of Lede's output that occur elsewhere in the page's text twice (approximation: compare with page source)
  const src = readFileSync(f, 'utf8');
  void src;
  console.log(f, ps.length);
}
