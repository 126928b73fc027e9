import { readFileSync } from 'node:fs';
import { parseDocument } from '../src/core/parse-html.ts';
import { extractBody } from '../src/core/extract/body.ts';
const html = readFileSync(process.argv[2]!, 'utf8');
const ps = await extractBody(parseDocument(html), {});
const seen = new Map<string, number>();
ps.forEach((p, i) => { if (seen.has(p)) console.log('REPEAT', seen.get(p), i, p.slice(0, 200)); else seen.set(p, i); });
