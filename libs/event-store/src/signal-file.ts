import { closeSync, openSync, watch, writeSync, type FSWatcher } from 'node:fs';

/**
 * A wake-up signal between processes sharing one SQLite file: a writer bumps `<file>.signal` after it
 * commits, and every process watching the signal file (inotify through `fs.watch`) hears of it at once
 * instead of at its next poll. The file holds no state and no lock: a process killed at any moment
 * leaves nothing another must clean up, and a lost or coalesced notification only delays a reader
 * until its safety-net poll. A process also hears its own bumps; listeners must not mind an extra wake.
 */
export class SignalFile {
  private readonly fd: number;
  private readonly listeners = new Set<() => void>();
  private watcher: FSWatcher | null = null;
  private readonly byte = Buffer.alloc(1);
  private closed = false;

  constructor(readonly path: string) {
    // Created when missing ('a' never truncates, so processes opening it at once do not disturb each
    // other), then written in place: one byte at offset 0, so the file never grows.
    closeSync(openSync(path, 'a'));
    this.fd = openSync(path, 'r+');
  }

  /** Tells every watcher (in every process) that something was committed. One write of one byte. */
  bump(): void {
    if (this.closed) return;
    this.byte[0] = (this.byte[0] + 1) & 0xff;
    writeSync(this.fd, this.byte, 0, 1, 0);
  }

  /** Calls `listener` at every bump from any process until the returned function is called. */
  watch(listener: () => void): () => void {
    if (this.closed) return () => undefined;
    this.listeners.add(listener);
    this.watcher ??= this.startWatching();
    // The watch stays once started: readers come and go with every request, and one inotify watch costs nothing idle.
    return () => {
      this.listeners.delete(listener);
    };
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.listeners.clear();
    this.stopWatching();
    closeSync(this.fd);
  }

  private startWatching(): FSWatcher {
    const watcher = watch(this.path, { persistent: false }, () => {
      for (const listener of [...this.listeners]) listener();
    });
    // A watch that fails later (the file removed under it) leaves readers on their safety-net polls.
    watcher.on('error', () => this.stopWatching());
    return watcher;
  }

  private stopWatching(): void {
    this.watcher?.close();
    this.watcher = null;
  }
}

/** The signal file that goes with a database file; none for an in-memory database. */
export const signalFileFor = (databasePath: string, enabled: boolean | undefined): SignalFile | null =>
  enabled === true && databasePath !== ':memory:' && databasePath !== '' ? new SignalFile(`${databasePath}.signal`) : null;
