import { watch, type FSWatcher } from 'node:fs';
import type { DataChangedEvent } from '../../shared/ipc';
import type { EventHub } from './event-hub';

/** Which document a file holds, so consoles refresh only what changed. */
const TOPIC_OF_FILE: Record<string, DataChangedEvent['topic']> = {
  'certificates.json': 'certificates',
  'config.json': 'sites',
  'authority.json': 'authority',
};

/**
 * The CLI may change the data folder while a console is open; a file watch turns that into the same
 * `data.changed` event a console's own change produces.
 */
export function watchDataDir(dataDir: string, hub: EventHub): () => void {
  const timers = new Map<DataChangedEvent['topic'], NodeJS.Timeout>();
  let watcher: FSWatcher | undefined;
  try {
    watcher = watch(dataDir, (_type, file) => {
      const topic = file ? TOPIC_OF_FILE[file] : undefined;
      if (!topic) return;
      clearTimeout(timers.get(topic));
      timers.set(topic, setTimeout(() => hub.emit('data.changed', { topic }), 150));
    });
  } catch {
    return () => {};
  }
  return () => {
    for (const timer of timers.values()) clearTimeout(timer);
    watcher?.close();
  };
}
