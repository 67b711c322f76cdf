import {
  BACKWARDS,
  END,
  FORWARDS,
  START,
  type AllStreamRecordedEvent,
  type AllStreamResolvedEvent,
  type EventStoreDBClient,
  type ReadPosition,
} from '@eventstore/db-client';
import type { GlobalPosition } from '../events';

/** A position this store handed out names one event exactly: its commit and prepare positions are equal. */
export const toReadPosition = (position: GlobalPosition | undefined, otherwise: ReadPosition = START): ReadPosition =>
  position === undefined ? otherwise : { commit: position, prepare: position };

interface CancellableRead<E> extends AsyncIterable<E> {
  cancel(): Promise<void>;
}

/**
 * Iterates a client read and cancels the gRPC call when the consumer stops early: destroying the
 * client's Readable alone leaves the call open (paused by backpressure) until the server gives up.
 */
export async function* drain<E>(read: CancellableRead<E>): AsyncGenerator<E> {
  let completed = false;
  try {
    for await (const item of read) yield item;
    completed = true;
  } finally {
    if (!completed) await read.cancel().catch(() => undefined);
  }
}

/**
 * The raw $all log in pages, strictly after (forwards) or before (backwards) `from`. The client
 * (6.x) cannot filter readAll on the server, so callers filter what this yields. A forwards read
 * includes the event at its start position, hence the cursor check; pages must hold at least two.
 */
export async function* scanAll(
  client: Pick<EventStoreDBClient, 'readAll'>,
  direction: 'forwards' | 'backwards',
  from: GlobalPosition | undefined,
  pageSize: number,
): AsyncGenerator<AllStreamRecordedEvent> {
  const backwards = direction === 'backwards';
  let cursor = from;
  for (;;) {
    let seen = 0;
    const read = client.readAll({
      direction: backwards ? BACKWARDS : FORWARDS,
      fromPosition: toReadPosition(cursor, backwards ? END : START),
      maxCount: pageSize,
    });
    for await (const resolved of drain<AllStreamResolvedEvent>(read)) {
      seen += 1;
      const event = resolved.event;
      if (!event) continue;
      const position = event.position.commit;
      if (cursor !== undefined && (backwards ? position >= cursor : position <= cursor)) continue;
      cursor = position;
      yield event;
    }
    if (seen < pageSize) return;
  }
}
