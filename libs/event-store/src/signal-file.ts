import { closeSync, fstatSync, openSync, statSync, watch, writeSync, type FSWatcher } from 'node:fs';

/**
 * A wake-up signal between processes sharing one SQLite file: a writer bumps `<file>.signal` after it
 * commits, and every process watching the signal file (inotify through `fs.watch`) hears of it at once
 * instead of at its next poll. The file holds no state and no lock: a process killed at any moment
 * leaves nothing another must clean up, and a lost or coalesced notification only delays a reader
 * until its safety-net poll. A process also hears its own bumps; listeners must not mind an extra wake.
 *
 * Nothing here may stop the product: a watch the system refuses (no inotify watches left, the folder
 * gone) or a write that fails is said once, and readers are left to their polls.
 */
export class SignalFile {
  private fd: number | null = null;
  private readonly listeners = new Set<() => void>();
  private watcher: FSWatcher | null = null;
  private readonly byte = Buffer.alloc(1);
  private warned = false;
  private closed = false;

  constructor(
    readonly path: string,
    private readonly warn: (message: string) => void = (message) => console.warn(message),
  ) {
    this.fd = this.open();
  }

  /** Tells every watcher (in every process) that something was committed. One write of one byte. */
  bump(): void {
    if (this.closed) return;
    try {
      // Deleted or replaced (by hand, by a clean-up): write to the file the others watch, not the old one.
      if (this.fd === null || !this.isCurrent(this.fd)) this.reopen();
      if (this.fd === null) return;
      this.byte[0] = (this.byte[0] + 1) & 0xff;
      writeSync(this.fd, this.byte, 0, 1, 0);
    } catch (error) {
      this.failed('cannot write', error);
    }
  }

  /**
   * Calls `listener` at every bump from any process until the returned function is called. When the
   * file cannot be watched, the listener is not called (until `watching()` finds the watch possible
   * again): the caller's poll is all there is.
   */
  watch(listener: () => void): () => void {
    if (this.closed) return () => undefined;
    this.watcher ??= this.startWatching();
    this.listeners.add(listener);
    // The watch stays once started: readers come and go with every request, and one inotify watch costs nothing idle.
    return () => {
      this.listeners.delete(listener);
    };
  }

  /**
   * Whether watchers hear of bumps now. A watch that failed is tried again here (a reader asks before
   * it picks its poll), so watchers return once the system allows it.
   */
  watching(): boolean {
    if (this.closed || this.listeners.size === 0) return false;
    this.watcher ??= this.startWatching();
    return this.watcher !== null;
  }

  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.listeners.clear();
    this.stopWatching();
    this.closeFd();
  }

  private startWatching(): FSWatcher | null {
    try {
      if (this.fd === null) this.fd = this.open();
      const watcher = watch(this.path, { persistent: false }, () => this.changed());
      // A watch that fails later leaves readers on their polls until the next one asks to watch.
      watcher.on('error', (error) => {
        this.failed('lost the watch of', error);
        this.stopWatching();
      });
      return watcher;
    } catch (error) {
      this.failed('cannot watch', error);
      return null;
    }
  }

  /**
   * Any event on the watched file: a bump, or the file deleted or replaced (the watch stays on the old
   * file, which nobody bumps any more), in which case the current file is watched from now on.
   */
  private changed(): void {
    if (this.closed) return;
    if (this.fd === null || !this.isCurrent(this.fd)) {
      this.stopWatching();
      this.reopen();
      if (this.listeners.size > 0) this.watcher = this.startWatching();
    }
    for (const listener of [...this.listeners]) listener();
  }

  /** Whether the path still names the file `fd` is open on. */
  private isCurrent(fd: number): boolean {
    try {
      const open = fstatSync(fd);
      const named = statSync(this.path);
      return open.ino === named.ino && open.dev === named.dev;
    } catch {
      return false;
    }
  }

  private reopen(): void {
    this.closeFd();
    this.fd = this.open();
  }

  private open(): number | null {
    try {
      // Created when missing ('a' never truncates, so processes opening it at once do not disturb each
      // other), then written in place: one byte at offset 0, so the file never grows.
      closeSync(openSync(this.path, 'a'));
      return openSync(this.path, 'r+');
    } catch (error) {
      this.failed('cannot open', error);
      return null;
    }
  }

  private closeFd(): void {
    if (this.fd === null) return;
    try {
      closeSync(this.fd);
    } catch {
      // Already gone: nothing to release.
    }
    this.fd = null;
  }

  private stopWatching(): void {
    this.watcher?.close();
    this.watcher = null;
  }

  private failed(what: string, error: unknown): void {
    if (this.warned) return;
    this.warned = true;
    const reason = error instanceof Error ? error.message : String(error);
    this.warn(`Signal file ${this.path}: ${what} it (${reason}); other processes' news is polled for instead`);
  }
}

/** The signal file that goes with a database file; none for an in-memory database. */
export const signalFileFor = (databasePath: string, enabled: boolean | undefined): SignalFile | null =>
  enabled === true && databasePath !== ':memory:' && databasePath !== '' ? new SignalFile(`${databasePath}.signal`) : null;
