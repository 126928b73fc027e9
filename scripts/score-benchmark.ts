/**
 * @module scripts/score-benchmark
 * Score the extract stage on Zyte's (scrapinghub's) article extraction benchmark: 181 real news and blog pages
 * whose article bodies people labelled (github.com/scrapinghub/article-extraction-benchmark; not part of this
 * repository). The measure is the benchmark's own (its evaluate.py): per page, the body's 4-token shingles
 * against the label's, true/false positives and negatives normalised by their sum; precision and recall are
 * means over pages, F1 their harmonic mean. Tokens are runs of word characters (Python's `\w`, here letters,
 * numbers and `_`). Readability.js's recorded output in the checkout is scored the same way beside it. Then the
 * corpus's measure on the same pages: agreement with Readability itself, run here (token F1 of Lede's body against
 * Readability's, as `npm run score:corpus` scores against the corpus's expected output).
 *
 * Usage (Node 24): `LEDE_BENCHMARK_DIR=path/to/article-extraction-benchmark npm run score:benchmark`
 * (default `../article-extraction-benchmark`); the worst pages are listed first.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gunzipSync } from 'node:zlib';
import { extractArticle } from '../src/core/extract/extract-article.ts';
import { readWithReadability } from '../src/core/extract/readability-fallback.ts';
import { scoreTokens, toReferenceText } from '../tests/helpers/corpus.ts';
import { measureQuotedShare, summarizeQuotedShares } from '../tests/helpers/quoted-share.ts';

const root = path.resolve(import.meta.dirname, '..');
const dir = path.resolve(root, process.env['LEDE_BENCHMARK_DIR'] ?? '../article-extraction-benchmark');

interface Labelled {
  readonly url: string;
  readonly articleBody: string;
}

/** True positives, false positives and false negatives of one page, normalised to sum to 1 (or all 0). */
type Counts = readonly [number, number, number];

const WORD = /[\p{L}\p{N}_]+/gu;
const SHINGLE = 4;

function shingles(text: string): Map<string, number> {
  const tokens = text.match(WORD) ?? [];
  const counts = new Map<string, number>();
  for (let start = 0; start < Math.max(1, tokens.length - SHINGLE + 1); start += 1) {
    const shingle = tokens.slice(start, start + SHINGLE).join(' ');
    if (shingle !== '') counts.set(shingle, (counts.get(shingle) ?? 0) + 1);
  }
  return counts;
}

function compare(label: string, extracted: string): Counts {
  const expected = shingles(label);
  const found = shingles(extracted);
  let [tp, fp, fn] = [0, 0, 0];
  for (const key of new Set([...expected.keys(), ...found.keys()])) {
    const want = expected.get(key) ?? 0;
    const got = found.get(key) ?? 0;
    tp += Math.min(want, got);
    fp += Math.max(0, got - want);
    fn += Math.max(0, want - got);
  }
  const sum = tp + fp + fn;
  return sum > 0 ? [tp / sum, fp / sum, fn / sum] : [0, 0, 0];
}

function precision([tp, fp, fn]: Counts): number {
  if (fp === 0 && fn === 0) return 1;
  return tp === 0 && fp === 0 ? 0 : tp / (tp + fp);
}

function recall([tp, fp, fn]: Counts): number {
  if (fp === 0 && fn === 0) return 1;
  return tp === 0 && fn === 0 ? 0 : tp / (tp + fn);
}

const mean = (values: readonly number[]): number => values.reduce((sum, value) => sum + value, 0) / values.length;

/** The benchmark's summary: mean precision (pages with anything extracted), mean recall, their F1. */
function summarise(pages: readonly Counts[]): string {
  const p = mean(pages.filter(([tp, fp]) => tp + fp > 0).map(precision));
  const r = mean(pages.filter(([tp, , fn]) => tp + fn > 0).map(recall));
  return `F1 ${((2 * p * r) / (p + r)).toFixed(3)}  precision ${p.toFixed(3)}  recall ${r.toFixed(3)}`;
}

function pageF1(counts: Counts): number {
  const [p, r] = [precision(counts), recall(counts)];
  return p + r > 0 ? (2 * p * r) / (p + r) : 0;
}

function readJson(file: string): unknown {
  return existsSync(file) ? JSON.parse(readFileSync(file, 'utf8')) : undefined;
}

async function main(): Promise<void> {
  const labels = readJson(path.join(dir, 'ground-truth.json')) as Record<string, Labelled> | undefined;
  if (!labels) {
    console.log(`No benchmark at ${dir} (set LEDE_BENCHMARK_DIR to a checkout): nothing to score.`);
    return;
  }
  // Recorded as `{ version, output }`, or (older checkouts) as the output alone.
  const recorded = readJson(path.join(dir, 'output/readability_js.json')) as
    { output?: Record<string, Labelled> } | undefined;
  const readability = recorded?.output ?? (recorded as Record<string, Labelled> | undefined);
  const rows: { name: string; lede: Counts; readability?: Counts; url: string; agreement: number }[] = [];
  const quoted: { lede: number[]; readability: number[] } = { lede: [], readability: [] };
  for (const [name, label] of Object.entries(labels)) {
    const html = gunzipSync(readFileSync(path.join(dir, 'html', `${name}.html.gz`))).toString('utf8');
    const article = await extractArticle(html, label.url);
    const other = readability?.[name]?.articleBody;
    const agreement = scoreTokens(article.text, toReferenceText(readWithReadability(html, []) ?? '')).f1;
    const share = measureQuotedShare(article, label.articleBody);
    if (share !== undefined) quoted.lede.push(share);
    const otherShare =
      other === undefined ? undefined : measureQuotedShare({ ...article, text: other }, label.articleBody);
    if (otherShare !== undefined) quoted.readability.push(otherShare);
    rows.push({
      name,
      url: label.url,
      agreement,
      lede: compare(label.articleBody, article.text),
      ...(other === undefined ? {} : { readability: compare(label.articleBody, other) }),
    });
  }
  rows.sort((a, b) => pageF1(a.lede) - pageF1(b.lede));
  console.log(
    `${'page'.padEnd(10)} ${'F1'.padStart(6)} ${'Readability'.padStart(12)} ${'agreement'.padStart(10)}   url`,
  );
  for (const row of rows.filter((each) => pageF1(each.lede) < 0.9 || each.agreement < 0.9)) {
    const other = row.readability ? pageF1(row.readability).toFixed(3) : '-';
    const cells = [pageF1(row.lede).toFixed(3).padStart(6), other.padStart(12), row.agreement.toFixed(3).padStart(10)];
    console.log(`${row.name.slice(0, 10)} ${cells.join(' ')}   ${row.url}`);
  }
  const atLeast = (counts: readonly Counts[]) => counts.filter((counts) => pageF1(counts) >= 0.9).length;
  const lede = rows.map((row) => row.lede);
  console.log('');
  console.log(`pages:        ${String(rows.length)}`);
  console.log(`Lede:         ${summarise(lede)}  pages at F1 >= 0.9: ${String(atLeast(lede))}`);
  const others = rows.flatMap((row) => (row.readability ? [row.readability] : []));
  if (others.length === rows.length)
    console.log(
      `Readability:  ${summarise(others)}  pages at F1 >= 0.9: ${String(atLeast(others))} (its recorded output)`,
    );
  const agreeing = rows.filter((row) => row.agreement >= 0.9).length;
  const meanAgreement = mean(rows.map((row) => row.agreement)).toFixed(3);
  console.log(`agreement with Readability (token F1 >= 0.9): ${String(agreeing)} pages, mean ${meanAgreement}`);
  console.log(`a 30% excerpt of Lede's text quotes of the labelled article: ${summarizeQuotedShares(quoted.lede)}`);
  if (quoted.readability.length === rows.length)
    console.log(`... of Readability's recorded text: ${summarizeQuotedShares(quoted.readability)}`);
}

await main();
