import { readFileSync, readdirSync } from 'node:fs';
import { gunzipSync } from 'node:zlib';
import { extractArticle } from '../src/core/extract/extract-article.ts';
const dir = '/tmp/aeb';
const truth = JSON.parse(readFileSync(`${dir}/ground-truth.json`, 'utf8'));
const k = readdirSync(`${dir}/html`).find((f) => f.startsWith(process.argv[2]!))!.replace('.html.gz', '');
const a = await extractArticle(gunzipSync(readFileSync(`${dir}/html/${k}.html.gz`)).toString('utf8'), truth[k].url);
console.log(a.text.slice(0, Number(process.argv[3] ?? 1500)));
console.log('=== truth'); console.log(truth[k].articleBody.slice(0, Number(process.argv[3] ?? 1500)));
