import { Inject, Injectable } from '@nestjs/common';
import type { CommandMetadata, Decider } from '@crm/domain';
import {
  chainHash, CHAIN_HASH_KEY, collectStream, genesisHash, WrongExpectedRevisionError,
  type EventStore, type JsonObject, type NewEvent, type RecordedEvent,
} from '@crm/event-store';
import { Clock } from './clock';
import type { CommandContext, CommandOutcome } from './command-context';
import { deterministicUuid } from './event-ids';
import { EVENT_STORE } from './tokens';

type DomainEventShape = { type: string; data: JsonObject };

export interface Loaded<State> {
  state: State;
  revision: number | null;
  events: RecordedEvent[];
}

/** How many times a command without an expected revision is re-decided after losing a race. */
const MAX_ATTEMPTS = 5;

/**
 * Load the stream, decide, append with the revision that was loaded. The one write path of every
 * command handler, so idempotency, conflicts and metadata are handled the same way everywhere.
 */
@Injectable()
export class AggregateStore {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly clock: Clock,
  ) {}

  async load<C, E, S>(decider: Decider<C, E, S>, streamName: string): Promise<Loaded<S>> {
    const events = await collectStream(this.store, streamName);
    const state = events.reduce((s, e) => decider.evolve(s, { type: e.type, data: e.data } as E), decider.initialState());
    return { state, events, revision: events.length ? events[events.length - 1].revision : null };
  }

  /**
   * `buildCommand` runs on every attempt, so the facts it reads from other streams are as fresh as
   * the state it is decided against.
   */
  async execute<C, E extends DomainEventShape, S>(
    decider: Decider<C, E, S>,
    streamName: string,
    buildCommand: (metadata: CommandMetadata) => C | Promise<C>,
    context: CommandContext,
  ): Promise<CommandOutcome<S>> {
    for (let attempt = 1; ; attempt++) {
      const loaded = await this.load(decider, streamName);
      const earlier = loaded.events.filter((e) => e.metadata.commandId === context.commandId);
      if (earlier.length > 0) return outcome(streamName, loaded, earlier[earlier.length - 1], 0);
      assertExpected(streamName, context.expectedRevision, loaded.revision);
      const now = context.occurredAt ?? this.clock.now();
      const command = await buildCommand({ now: now.toISOString(), actor: context.actor });
      const decided = decider.decide(command, loaded.state);
      if (decided.length === 0) return outcome(streamName, loaded, loaded.events[loaded.events.length - 1], 0);
      try {
        const newEvents = chain(toNewEvents(decided, streamName, context, now), streamName, loaded);
        const appended = await this.store.appendToStream(streamName, newEvents, loaded.revision ?? 'no_stream');
        const state = decided.reduce((s, e) => decider.evolve(s, e), loaded.state);
        return { streamName, revision: appended.nextExpectedRevision, position: appended.position, state, appended: decided.length };
      } catch (error) {
        const lostRace = error instanceof WrongExpectedRevisionError && context.expectedRevision === undefined;
        if (!lostRace || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }
}

const assertExpected = (streamName: string, expected: number | undefined, actual: number | null): void => {
  if (expected !== undefined && expected !== actual) {
    throw new WrongExpectedRevisionError(streamName, expected, actual ?? 'no_stream');
  }
};

const outcome = <S>(streamName: string, loaded: Loaded<S>, last: RecordedEvent | undefined, appended: number): CommandOutcome<S> => ({
  streamName,
  revision: loaded.revision,
  position: last?.position ?? null,
  state: loaded.state,
  appended,
});

/** Links each new event to the stream's last one (tamper evidence; `crm audit verify` checks it). */
const chain = <S>(events: NewEvent[], streamName: string, loaded: Loaded<S>): NewEvent[] => {
  const last = loaded.events[loaded.events.length - 1];
  const previous = last ? String(last.metadata[CHAIN_HASH_KEY] ?? '') : genesisHash(streamName);
  return chainEvents(events, previous, loaded.revision);
};

/**
 * The chain link of each new event, given the hash and revision of the stream's last stored event
 * (the genesis hash and null for a new stream). Writers that keep streams in memory (seeding) use it
 * to produce exactly the events the command path would.
 */
export const chainEvents = (events: readonly NewEvent[], previousHash: string, lastRevision: number | null): NewEvent[] => {
  let previous = previousHash;
  let revision = lastRevision ?? -1;
  return events.map((event) => {
    revision += 1;
    previous = chainHash(previous, { ...event, revision });
    return { ...event, metadata: { ...event.metadata, [CHAIN_HASH_KEY]: previous } };
  });
};

export const toNewEvents = (
  events: readonly DomainEventShape[],
  streamName: string,
  context: CommandContext,
  occurredAt: Date,
): NewEvent[] =>
  events.map((event, index) => ({
    id: deterministicUuid(context.commandId, streamName, String(index)),
    type: event.type,
    data: event.data,
    metadata: {
      actor: context.actor,
      commandId: context.commandId,
      correlationId: context.correlationId ?? context.commandId,
      causationId: context.causationId ?? context.commandId,
      occurredAt: occurredAt.toISOString(),
    },
  }));
