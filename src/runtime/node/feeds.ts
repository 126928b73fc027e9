/**
 * @module runtime/node-feeds
 * Reads `FEEDS_DIR/*.json` for the core's definition loader. A missing folder is a configuration error;
 * a bad file is reported by the loader and skipped.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadFeedDefinitions, type DefinitionFile } from '../../core/config/feed-definition.ts';
import { LedeError } from '../../core/errors.ts';

/** The file a feed id is defined in. */
export function definitionPath(feedsDir: string, id: string): string {
  return path.join(feedsDir, `${id}.json`);
}

/** Read a file, or nothing when it went away between the listing and the read (an editor's rename). */
async function readIfPresent(file: string): Promise<string | undefined> {
  try {
    return await readFile(file, 'utf8');
  } catch (error) {
    if (error instanceof Error && 'code' in error && error.code === 'ENOENT') return undefined;
    throw error;
  }
}

/**
 * Every `*.json` file of the folder as the loader takes them.
 * @example const files = await readDefinitionFiles(config.feedsDir)
 */
export async function readDefinitionFiles(feedsDir: string): Promise<DefinitionFile[]> {
  let names: string[];
  try {
    names = (await readdir(feedsDir)).filter((name) => name.endsWith('.json'));
  } catch (error) {
    throw new LedeError('invalid-config', `FEEDS_DIR ${feedsDir} cannot be read`, { cause: error });
  }
  const files = await Promise.all(
    names.map(async (name) => {
      const id = name.slice(0, -'.json'.length);
      const file = definitionPath(feedsDir, id);
      const text = await readIfPresent(file);
      return text === undefined ? [] : [{ id, file, text }];
    }),
  );
  return files.flat();
}

export async function readFeedDefinitions(feedsDir: string) {
  return loadFeedDefinitions(await readDefinitionFiles(feedsDir));
}
