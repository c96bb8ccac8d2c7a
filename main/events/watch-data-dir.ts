import { watch, type FSWatcher } from 'node:fs';
import type { EventHub } from './event-hub';

/**
 * The CLI may change the data folder while a console is open; a file watch turns that into the same
 * `data.changed` event a console's own change produces.
 */
export function watchDataDir(dataDir: string, hub: EventHub): () => void {
  let timer: NodeJS.Timeout | undefined;
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dataDir, (_type, file) => {
      if (file !== 'certificates.json') return;
      clearTimeout(timer);
      timer = setTimeout(() => hub.emit('data.changed', { topic: 'certificates' }), 150);
    });
  } catch {
    return () => {};
  }
  return () => {
    clearTimeout(timer);
    watcher?.close();
  };
}
