import type { EventStoreDBClient } from '@eventstore/db-client';
import type { GlobalPosition } from '../events';
import type { UnreadableEvent } from '../errors';
import type { LogFilter, Subscription } from '../event-store.port';
import type { EventSerializer } from '../serializer';
import { isWanted, serverFilter } from './esdb-filter';
import { toRecordedEventOrReport } from './esdb-mapping';
import { toReadPosition } from './esdb-reads';
import { resubscribingSubscription, type EventFeed } from './resubscribing-subscription';

export interface EsdbSubscriptionOptions {
  client: Pick<EventStoreDBClient, 'subscribeToAll'>;
  serializer: EventSerializer;
  after: GlobalPosition | undefined;
  filter: LogFilter | undefined;
  onDrop?: (error: unknown) => void;
  /** Told about each event skipped because it cannot be read. */
  onUnreadable: (event: UnreadableEvent) => void;
}

/** Failures of the connection or the server that a new subscription may not meet again. */
const TRANSIENT_CLIENT_ERRORS = new Set(['unavailable', 'deadline-exceeded', 'timeout', 'cancelled', 'unknown', 'not-leader']);

/**
 * Drops are resubscribed; a refusal (access denied: $all needs admin rights) ends the iteration with
 * the error instead. An event that is not JSON is reported and skipped, not thrown (see openFeed).
 */
export const isTransientClientError = (error: unknown): boolean => {
  const type = typeof error === 'object' && error !== null ? (error as { type?: unknown }).type : undefined;
  return typeof type === 'string' && TRANSIENT_CLIENT_ERRORS.has(type);
};

/** One server subscription; fromPosition of a subscription is exclusive, as our `after`. */
const openFeed = (options: EsdbSubscriptionOptions, after: GlobalPosition | undefined): EventFeed => {
  const subscription = options.client.subscribeToAll({
    fromPosition: toReadPosition(after),
    filter: serverFilter(options.filter),
  });
  return {
    async *[Symbol.asyncIterator]() {
      for await (const resolved of subscription) {
        const raw = resolved.event;
        if (!raw || !isWanted(raw, options.filter)) continue;
        const event = toRecordedEventOrReport(raw, options.serializer, options.onUnreadable);
        if (event !== undefined) yield event;
      }
    },
    close: () => subscription.unsubscribe(),
  };
};

export const esdbSubscription = (options: EsdbSubscriptionOptions): Subscription =>
  resubscribingSubscription({
    after: options.after,
    open: (after) => openFeed(options, after),
    isRetryable: isTransientClientError,
    onDrop: options.onDrop,
  });
