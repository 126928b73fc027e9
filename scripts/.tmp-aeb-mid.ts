import { readFileSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { extractArticle } from '../src/core/extract/extract-article.ts';
import { readWithReadability } from '../src/core/extract/readability-fallback.ts';
import { scoreTokens, toReferenceText } from '../tests/helpers/corpus.ts';
const dir = '/tmp/aeb';
const truth = JSON.parse(readFileSync(`${dir}/ground-truth.json`, 'utf8'));
const rows = [];
for (const k of Object.keys(truth)) {
  const html = gunzipSync(readFileSync(`${dir}/html/${k}.html.gz`)).toString('utf8');
  const a = await extractArticle(html, truth[k].url);
  const s = scoreTokens(a.text, toReferenceText(readWithReadability(html, []) ?? ''));
  rows.push({ k: k.slice(0, 8), ...s, u: truth[k].url });
}
rows.sort((a, b) => a.f1 - b.f1);
for (const r of rows.filter((r) => r.f1 >= 0.9 && r.f1 < 0.975)) console.log(r.k, r.f1.toFixed(3), 'p', r.precision.toFixed(2), 'r', r.recall.toFixed(2), r.u.slice(0, 90));
