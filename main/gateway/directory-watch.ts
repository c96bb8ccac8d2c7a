import { watch, type FSWatcher } from 'node:fs';
import { dirname, join, relative, sep } from 'node:path';

/**
 * Change notifications for the folders the static file cache reads from (fs.watch: inotify,
 * FSEvents, ReadDirectoryChangesW), so that a cache hit needs no system call. A folder is watched
 * with every folder above it up to the site's content root: renaming or removing any of them, or any
 * entry in them, is reported. A folder that cannot be watched (the system's limit reached, a file
 * system without notifications) is reported as such, and its files are checked with a stat instead.
 */
export class DirectoryWatch {
  /** Folder -> its watcher, or null when it could not be watched. */
  private readonly watchers = new Map<string, FSWatcher | null>();

  constructor(
    /** Something named `name` changed in `dir` (null: the folder itself, or anything in it). */
    private readonly onChange: (dir: string, name: string | null) => void,
    private readonly maxFolders = 1000,
  ) {}

  /** Watch `dir` and the folders above it up to `root` (which contains it); false if one of them cannot be. */
  cover(root: string, dir: string): boolean {
    const folders: string[] = [];
    for (let at = dir; ; at = dirname(at)) {
      folders.push(at);
      if (at === root || !relative(root, at) || dirname(at) === at) break;
    }
    let all = true;
    for (const folder of folders) if (!this.watchOne(folder)) all = false;
    return all;
  }

  close(): void {
    for (const watcher of this.watchers.values()) watcher?.close();
    this.watchers.clear();
  }

  private watchOne(folder: string): boolean {
    const known = this.watchers.get(folder);
    if (known !== undefined) return known !== null;
    if (this.watchers.size >= this.maxFolders) return false;
    let watcher: FSWatcher | null = null;
    try {
      watcher = watch(folder, { persistent: false }, (_event, name) => this.changed(folder, name === null ? null : String(name)));
      // A watch that fails (its folder gone, say) can no longer vouch for what was read under it.
      watcher.on('error', () => this.changed(folder, null));
    } catch {
      watcher = null;
    }
    this.watchers.set(folder, watcher);
    return watcher !== null;
  }

  private changed(folder: string, name: string | null): void {
    // A watched folder inside this one was renamed or removed: its watcher now follows a gone folder.
    this.forget(folder, name);
    this.onChange(folder, name);
  }

  /** Drop the watchers at and below folder/name (or below folder), so they are made again when needed. */
  private forget(folder: string, name: string | null): void {
    const gone = name === null ? folder : join(folder, name);
    for (const [path, watcher] of this.watchers) {
      if (path === gone || path.startsWith(gone + sep)) {
        watcher?.close();
        this.watchers.delete(path);
      }
    }
  }
}
