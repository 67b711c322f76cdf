import type { EventStore, GlobalPosition, RecordedEvent, Subscription } from '@crm/event-store';

/**
 * One endpoint's subscription to the stored log, asked for one event at a time without blocking:
 * the endpoint's loop also waits for retry times and redelivery requests, so it looks at whether
 * the next event has come (`take`) and is woken (`onArrival`) when it does.
 */
export class LogFollower {
  private readonly subscription: Subscription;
  private readonly iterator: AsyncIterator<RecordedEvent>;
  private pending = false;
  private arrived: RecordedEvent | null = null;
  private ended: Error | null = null;
  private closed = false;

  constructor(events: EventStore, after: GlobalPosition | null, eventTypes: readonly string[], private readonly onArrival: () => void) {
    // No event types: every event. EventStoreDB's fromPosition and ours are exclusive.
    this.subscription = events.subscribeToAll({ after: after ?? undefined, filter: eventTypes.length > 0 ? { eventTypes } : undefined });
    this.iterator = this.subscription[Symbol.asyncIterator]();
  }

  /**
   * The next event if it has come, and asks for the one after it at once, so a busy endpoint finds it
   * there when its delivery is settled (one event is held ahead, no more); throws when the subscription failed.
   */
  take(): RecordedEvent | null {
    if (this.ended !== null) throw this.ended;
    const event = this.arrived;
    this.arrived = null;
    this.pull();
    return event;
  }

  async close(): Promise<void> {
    this.closed = true;
    await this.subscription.close();
  }

  private pull(): void {
    if (this.pending || this.closed) return;
    this.pending = true;
    this.iterator.next().then(
      (next) => {
        this.pending = false;
        if (this.closed) return;
        if (next.done) this.ended = new Error('the subscription to the log ended');
        else this.arrived = next.value;
        this.onArrival();
      },
      (error: unknown) => {
        this.pending = false;
        if (this.closed) return;
        this.ended = error instanceof Error ? error : new Error(String(error));
        this.onArrival();
      },
    );
  }
}
