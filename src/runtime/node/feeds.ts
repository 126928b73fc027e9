/**
 * @module runtime/node-feeds
 * Reads `FEEDS_DIR/*.json` for the core's definition loader. A missing folder is a configuration error;
 * a bad file is reported by the loader and skipped.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { loadFeedDefinitions, type DefinitionFile } from '../../core/config/feed-definition.ts';
import { LedeError } from '../../core/errors.ts';

export async function readFeedDefinitions(feedsDir: string) {
  let names: string[];
  try {
    names = (await readdir(feedsDir)).filter((name) => name.endsWith('.json'));
  } catch (error) {
    throw new LedeError('invalid-config', `FEEDS_DIR ${feedsDir} cannot be read`, { cause: error });
  }
  const files: DefinitionFile[] = await Promise.all(
    names.map(async (name) => {
      const file = path.join(feedsDir, name);
      return { id: name.slice(0, -'.json'.length), file, text: await readFile(file, 'utf8') };
    }),
  );
  return loadFeedDefinitions(files);
}
