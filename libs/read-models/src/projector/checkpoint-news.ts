import { WakeSignal } from '@crm/event-store';
import type { ReadStore } from '../store/read-store.port';
import type { Projection } from '../projections/projection';
import { readActiveGeneration } from './generations';
import { progressCheckpoint } from './projection-target';

/** How far each projection's active copy has applied the log (position null: built, nothing applied yet). */
export type AppliedPositions = ReadonlyMap<string, { built: boolean; position: bigint | null }>;

interface Refresh {
  /** The news count when the refresh began: it shows every batch told up to then. */
  news: number;
  names: ReadonlySet<string>;
  positions: Promise<AppliedPositions>;
}

/**
 * The store's news of stored batches for every read-your-writes wait of one ReadModels: one watch
 * for its lifetime (a change stream opens asynchronously, so one opened per wait could miss the very
 * batch it waits for), and one refresh per piece of news, shared by all the waits of that moment,
 * reading the active generation and checkpoint of each projection any of them awaits.
 *
 * No news is lost between a look and the wait that follows it: a wait resumes as soon as any news
 * came after the refresh it looked at began, however long ago that was.
 */
export class CheckpointNews {
  private news = 0;
  private readonly told = new WakeSignal();
  private readonly awaited = new Map<string, number>();
  private refresh: Refresh | null = null;

  constructor(private readonly store: ReadStore) {
    store.watchCheckpoints(() => {
      this.news++;
      this.told.notify();
    });
  }

  /** Whether the store hears of other processes' batches now; otherwise waits poll quickly. */
  get live(): boolean {
    const live = this.store.watchingCheckpoints();
    // Whatever was read while news could be missed is not trusted once it flows again.
    if (!live) this.refresh = null;
    return live;
  }

  /** Counts `projections` as awaited until the returned function is called: each refresh reads them too. */
  await(projections: readonly Projection[]): () => void {
    for (const { name } of projections) this.awaited.set(name, (this.awaited.get(name) ?? 0) + 1);
    return () => {
      for (const { name } of projections) {
        const left = (this.awaited.get(name) ?? 1) - 1;
        if (left === 0) this.awaited.delete(name);
        else this.awaited.set(name, left);
      }
    };
  }

  /**
   * The applied positions of `projections`, from the refresh begun since the latest news when there is
   * one (shared), else from a new one; `fresh` always reads anew (a safety-net look).
   */
  async positions(projections: readonly Projection[], fresh = false): Promise<{ news: number; positions: AppliedPositions }> {
    const current = this.refresh;
    const reusable = !fresh && current !== null && current.news === this.news && projections.every(({ name }) => current.names.has(name));
    const refresh = reusable ? current : this.begin(projections);
    return { news: refresh.news, positions: await refresh.positions };
  }

  /** Resolves true at once when news came after `news`, else at the next news, or false after `ms`. */
  next(news: number, ms: number): Promise<boolean> {
    return this.news > news ? Promise.resolve(true) : this.told.wait(ms);
  }

  private begin(projections: readonly Projection[]): Refresh {
    const names = new Set([...this.awaited.keys(), ...projections.map(({ name }) => name)]);
    const refresh: Refresh = { news: this.news, names, positions: this.read(names) };
    this.refresh = refresh;
    // A failed read is not shared with later waits: the next one reads again.
    refresh.positions.catch(() => {
      if (this.refresh === refresh) this.refresh = null;
    });
    return refresh;
  }

  private async read(names: ReadonlySet<string>): Promise<AppliedPositions> {
    const positions = new Map<string, { built: boolean; position: bigint | null }>();
    for (const name of names) {
      const active = await readActiveGeneration(this.store, name);
      const position = active === null ? null : ((await this.store.getCheckpoint(progressCheckpoint(name, active)))?.position ?? null);
      positions.set(name, { built: active !== null, position });
    }
    return positions;
  }
}
