/**
 * @module runtime/node/watch-definitions
 * Watches `FEEDS_DIR` (node:fs `watch` on the folder, not on each file) and calls `onChange` once things
 * have settled: editors save by writing a temporary file and renaming it over the old one, and tools that
 * deploy a folder replace every file at once, each a burst of events, so calls are debounced (300 ms by
 * default) and every event counts, whatever file it names — the reload re-reads the whole folder anyway
 * and reports only real changes.
 *
 * A watch follows the folder's inode: when the folder itself is replaced (moved away, made anew), the old
 * watch goes quiet or fails. So after each burst the folder's identity is checked, and a watch that failed
 * or lost its folder is opened again (every second until the folder is back).
 */
import { watch, type FSWatcher } from 'node:fs';
import { stat } from 'node:fs/promises';
import type { Log } from '../../core/ports.ts';

interface DefinitionsWatch {
  close(): void;
}

const RETRY_MS = 1000;

async function identify(dir: string): Promise<string | undefined> {
  try {
    const { dev, ino } = await stat(dir);
    return `${String(dev)}:${String(ino)}`;
  } catch {
    return undefined;
  }
}

/**
 * Call `onChange` after each burst of changes in `dir`.
 * @example const watch = watchDefinitions(config.feedsDir, () => void reload(), log); watch.close()
 */
export function watchDefinitions(dir: string, onChange: () => void, log: Log, debounceMs = 300): DefinitionsWatch {
  let watcher: FSWatcher | undefined;
  let watched: string | undefined;
  let timer: NodeJS.Timeout | undefined;
  let closed = false;
  let warned = false;
  const schedule = (delay = debounceMs) => {
    clearTimeout(timer);
    if (!closed) timer = setTimeout(() => void settle(), delay);
  };
  const lose = (message: string) => {
    watcher?.close();
    watcher = undefined;
    if (!warned) log('warn', 'cannot watch FEEDS_DIR; retrying every second', { dir, message });
    warned = true;
    schedule(RETRY_MS);
  };
  const open = async () => {
    watcher?.close();
    watcher = undefined;
    watched = await identify(dir);
    if (closed) return;
    if (watched === undefined) {
      lose('no such folder');
      return;
    }
    try {
      watcher = watch(dir, { persistent: false }, () => schedule());
      watcher.on('error', (error) => lose(String(error)));
      warned = false;
    } catch (error) {
      lose(String(error));
    }
  };
  // After a burst: a folder that was replaced (or a watch that failed) is watched anew, then reloaded.
  const settle = async () => {
    if (!watcher || (await identify(dir)) !== watched) await open();
    if (!closed && watcher) onChange();
  };
  void open();
  return {
    close() {
      closed = true;
      clearTimeout(timer);
      watcher?.close();
    },
  };
}
