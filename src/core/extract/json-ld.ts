/**
 * @module core/extract/json-ld
 * Read the JSON-LD blocks of a page (JSON-LD 1.1, W3C Recommendation) into plain node objects,
 * tolerating what publishers actually ship: CDATA and comment wrappers, raw newlines inside strings,
 * trailing commas. Node references (`{"@id": …}`, as Yoast's `@graph` uses for authors and images)
 * can be resolved through the returned index.
 */
import { getAttribute, readTextContent, selectAll, type DomDocument } from '../html-dom.ts';

export type JsonRecord = Readonly<Record<string, unknown>>;

export interface JsonLdGraph {
  /** Every node object found at the top level, in arrays and in `@graph`, in document order. */
  readonly nodes: readonly JsonRecord[];
  /** Nodes by `@id`, for resolving references. */
  readonly byId: ReadonlyMap<string, JsonRecord>;
}

export function asRecord(value: unknown): JsonRecord | undefined {
  return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonRecord) : undefined;
}

/** A value as a list: arrays as they are, a single value as a one-item list, nothing as `[]`. */
export function asList(value: unknown): readonly unknown[] {
  if (Array.isArray(value)) return value;
  return value === undefined || value === null ? [] : [value];
}

/** A trimmed, non-empty string, or undefined. */
export function asText(value: unknown): string | undefined {
  if (typeof value !== 'string' && typeof value !== 'number') return undefined;
  const text = String(value).trim();
  return text === '' ? undefined : text;
}

/** Escapes for raw control characters inside strings (RFC 8259 §7 requires them escaped). */
const STRING_ESCAPES: Readonly<Record<string, string>> = { '\n': '\\n', '\r': '', '\t': '\\t', '\f': '', '\v': '' };

/** Whether only white space separates `index` from the next `}` or `]` (a trailing comma). */
function isTrailingComma(text: string, index: number): boolean {
  return /^\s*[}\]]/.test(text.slice(index + 1, index + 200));
}

/**
 * Repair JSON that JSON.parse rejects but whose intent is clear: raw line breaks and tabs inside
 * strings (escaped, so paragraph breaks in `articleBody` survive) and trailing commas (dropped).
 */
function repairJson(text: string): string {
  let out = '';
  let inString = false;
  for (let index = 0; index < text.length; index += 1) {
    const char = text[index] ?? '';
    if (inString) {
      if (char === '\\') {
        out += char + (text[index + 1] ?? '');
        index += 1;
        continue;
      }
      if (char === '"') inString = false;
      out += STRING_ESCAPES[char] ?? char;
      continue;
    }
    if (char === '"') inString = true;
    if (char === ',' && isTrailingComma(text, index)) continue;
    out += char;
  }
  return out;
}

/** Parse one script's text; undefined when it is not JSON even after repairs. */
function parseJsonLd(text: string): unknown {
  const unwrapped = text
    .replace(/^\s*(<!--|<!\[CDATA\[|\/\/\s*<!\[CDATA\[)/, '')
    .replace(/(-->|\]\]>|\/\/\s*\]\]>)\s*$/, '')
    .trim();
  if (unwrapped === '') return undefined;
  try {
    return JSON.parse(unwrapped) as unknown;
  } catch {
    try {
      return JSON.parse(repairJson(unwrapped)) as unknown;
    } catch {
      return undefined;
    }
  }
}

/** Flatten arrays and `@graph` containers into node objects (bounded depth: hostile input is possible). */
function collectNodes(value: unknown, nodes: JsonRecord[], depth: number): void {
  if (depth > 4) return;
  if (Array.isArray(value)) {
    for (const item of value) collectNodes(item, nodes, depth + 1);
    return;
  }
  const record = asRecord(value);
  if (!record) return;
  if (record['@type'] !== undefined) nodes.push(record);
  if (record['@graph'] !== undefined) collectNodes(record['@graph'], nodes, depth + 1);
}

function indexById(nodes: readonly JsonRecord[]): Map<string, JsonRecord> {
  const byId = new Map<string, JsonRecord>();
  for (const node of nodes) {
    const id = asText(node['@id']);
    if (id !== undefined && !byId.has(id)) byId.set(id, node);
  }
  return byId;
}

/**
 * All JSON-LD nodes of a document. Never throws; malformed blocks are skipped.
 *
 * @example
 *   const graph = readJsonLd(document);
 *   graph.nodes.find((node) => node['@type'] === 'NewsArticle');
 */
export function readJsonLd(document: DomDocument): JsonLdGraph {
  const nodes: JsonRecord[] = [];
  for (const script of selectAll(document, 'script[type]')) {
    const type = (getAttribute(script, 'type') ?? '').trim().toLowerCase();
    if (type !== 'application/ld+json') continue;
    collectNodes(parseJsonLd(readTextContent(script)), nodes, 0);
  }
  return { nodes, byId: indexById(nodes) };
}

/** Follow a `{"@id": …}` reference to its node in the graph; other values are returned as they are. */
export function resolveReference(value: unknown, graph: JsonLdGraph): unknown {
  const record = asRecord(value);
  if (!record) return value;
  const id = asText(record['@id']);
  const isBareReference = id !== undefined && Object.keys(record).every((key) => key === '@id');
  return isBareReference ? (graph.byId.get(id) ?? value) : value;
}

/** The `@type` of a node as a list of names (`"NewsArticle"` or `["NewsArticle", "Article"]`). */
export function readTypes(node: JsonRecord): string[] {
  return asList(node['@type']).filter((type): type is string => typeof type === 'string');
}
