import { Logger } from '@nestjs/common';
import { matchesFilter, type RecordedEvent, type WakeSignal } from '@crm/event-store';
import type { Projection, ReadModels } from '@crm/read-models';

/** The longest single wait on the read models, so that stopping is never kept waiting by a stalled page. */
const WAIT_SLICE_MS = 250;

export interface GateSettings {
  stallWarningMs: number;
  pollMs: number;
  /** Woken when the feed stops, so a pause after a failure ends at once. */
  wake: WakeSignal;
}

/**
 * When a page of the log may be published: once every projection that reads any of its events has
 * stored it (ReadModels.waitForPosition), so a subscriber that queries on a change sees it. Waits for
 * as long as it takes, never less, with one warning per stall.
 */
export class ReadModelsGate {
  private readonly logger = new Logger('LiveFeed');

  constructor(
    private readonly readModels: ReadModels,
    private readonly projections: readonly Projection[],
    private readonly settings: GateSettings,
  ) {}

  /** The projections whose filter takes any event of the page: only their progress decides when it is shown. */
  readersOf(page: readonly RecordedEvent[]): string[] {
    const events = page.map((event) => ({ streamId: event.streamName, type: event.type }));
    return this.projections.filter(({ filter }) => events.some((event) => matchesFilter(event, filter))).map(({ name }) => name);
  }

  everyProjection(): string[] {
    return this.projections.map(({ name }) => name);
  }

  /** Waits until every projection named has stored everything of its own up to `position`; false if `running` turned false first. */
  async untilShown(position: bigint, projections: readonly string[], running: () => boolean): Promise<boolean> {
    if (projections.length === 0) return true;
    const since = Date.now();
    let warned = false;
    while (running()) {
      if (await this.shown(position, projections, running)) {
        if (warned) this.logger.log(`Read models reached position ${position}: publishing again`);
        return true;
      }
      if (!warned && Date.now() - since >= this.settings.stallWarningMs) {
        warned = true;
        this.logger.warn(`Live changes wait for ${projections.join(', ')} to store position ${position} (${Date.now() - since} ms so far)`);
      }
    }
    return false;
  }

  private async shown(position: bigint, projections: readonly string[], running: () => boolean): Promise<boolean> {
    try {
      return await this.readModels.waitForPosition(position, projections, Math.min(WAIT_SLICE_MS, this.settings.stallWarningMs));
    } catch (error) {
      if (running()) this.logger.error(`Asking the read models about position ${position} failed: ${String(error)}`);
      await this.settings.wake.wait(this.settings.pollMs);
      return false;
    }
  }
}
