import type { SwitchClock } from '../old-copy-drop';

/** A switch clock that moves only when the test says, so when the old copy goes is the test's to decide. */
export class ManualSwitchClock implements SwitchClock {
  private time = Date.UTC(2024, 0, 1);
  private readonly sleepers: Array<{ at: number; wake: () => void }> = [];
  private readonly sleepWatchers: Array<(at: number) => void> = [];

  now(): number {
    return this.time;
  }

  sleepUntil(at: number): Promise<void> {
    if (at <= this.time) return Promise.resolve();
    return new Promise((wake) => {
      this.sleepers.push({ at, wake });
      for (const watcher of this.sleepWatchers.splice(0)) watcher(at);
    });
  }

  /** The time the first one asleep on this clock waits for, once someone is. */
  nextSleep(): Promise<number> {
    const asleep = this.sleepers[0];
    return asleep !== undefined ? Promise.resolve(asleep.at) : new Promise((resolve) => this.sleepWatchers.push(resolve));
  }

  advance(ms: number): void {
    this.time += ms;
    for (const sleeper of [...this.sleepers]) {
      if (sleeper.at > this.time) continue;
      this.sleepers.splice(this.sleepers.indexOf(sleeper), 1);
      sleeper.wake();
    }
  }
}
