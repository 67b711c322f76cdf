import { Inject, Injectable } from '@nestjs/common';
import type { CommandMetadata, Decider } from '@crm/domain';
import {
  chainHash, CHAIN_HASH_KEY, collectStream, genesisHash, WrongExpectedRevisionError,
  type EventStore, type JsonObject, type NewEvent, type RecordedEvent,
} from '@crm/event-store';
import { Clock } from './clock';
import type { CommandContext, CommandOutcome } from './command-context';
import { CommandFingerprints, FINGERPRINT_KEY, sameInput } from './command-fingerprint';
import { derivedUuid } from './event-ids';
import { IdempotencyKeyReusedError } from './idempotency.errors';
import { KeyedQueue } from './keyed-queue';
import { EVENT_STORE } from './tokens';
import { RecentStreams, type AnsweredCommand, type StreamSnapshot } from './recent-streams';
import { PersonalDataCodec, subjectOfState } from '../privacy/personal-data-codec';

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
  private readonly recent = new RecentStreams();
  private readonly fingerprints: CommandFingerprints;
  /**
   * One command id at a time per stream: a retry sent while its first try is still running (a client
   * that timed out) waits for it and is then answered from what it wrote, replayed or refused for
   * another input. Without this both would decide and append the same event ids, and the store would
   * take the second as a retry of the first by its ids alone, whatever its input.
   */
  private readonly sameCommand = new KeyedQueue();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly clock: Clock,
    private readonly personalData: PersonalDataCodec,
  ) {
    this.fingerprints = new CommandFingerprints(personalData.keys);
  }

  async load<C, E, S>(decider: Decider<C, E, S>, streamName: string): Promise<Loaded<S>> {
    const events = await collectStream(this.store, streamName);
    const state = events.reduce((s, e) => decider.evolve(s, { type: e.type, data: e.data } as E), decider.initialState());
    return { state, events, revision: events.length ? events[events.length - 1].revision : null };
  }

  /**
   * `buildCommand` runs on every attempt, so the facts it reads from other streams are as fresh as
   * the state it is decided against (which it is given: a fact may depend on it, as an opportunity's
   * pipeline does). `input` is what the caller asked for (the command's data, without the facts the
   * handler adds): a retry of the same command id must bring the same.
   */
  async execute<C, E extends DomainEventShape, S>(
    decider: Decider<C, E, S>,
    streamName: string,
    buildCommand: (metadata: CommandMetadata, state: S) => C | Promise<C>,
    context: CommandContext,
    input: unknown,
  ): Promise<CommandOutcome<S>> {
    return this.sameCommand.run(`${streamName}\u0000${context.commandId}`, () => this.attempt(decider, streamName, buildCommand, context, input));
  }

  private async attempt<C, E extends DomainEventShape, S>(
    decider: Decider<C, E, S>,
    streamName: string,
    buildCommand: (metadata: CommandMetadata, state: S) => C | Promise<C>,
    context: CommandContext,
    input: unknown,
  ): Promise<CommandOutcome<S>> {
    for (let attempt = 1; ; attempt++) {
      const snapshot = await this.current(decider, streamName);
      try {
        return await this.decideAndAppend(decider, streamName, snapshot, buildCommand, context, input);
      } catch (error) {
        const lostRace = error instanceof WrongExpectedRevisionError && context.expectedRevision === undefined;
        if (!lostRace || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  /**
   * The stream's snapshot as stored now, after one indexed lookup of its revision. A stream this
   * process wrote last is remembered: while its revision is still the remembered one, nothing was
   * appended since and the snapshot is exact. A stream that does not exist (every create command) is
   * the decider's initial state without a read; any other stream is read and folded.
   */
  private async current<C, E, S>(decider: Decider<C, E, S>, streamName: string): Promise<StreamSnapshot<S>> {
    const remembered = this.recent.get<S>(decider, streamName);
    const revision = await this.store.streamRevision(streamName);
    if (remembered !== undefined && revision === remembered.revision) return remembered;
    // Created after this lookup? Then the append's 'no_stream' expectation fails and execute() re-decides.
    if (revision === null) return { state: decider.initialState(), revision: null, lastHash: null, lastPosition: null, commands: new Map() };
    return this.snapshot(decider, streamName);
  }

  /** The stream as stored, folded. */
  private async snapshot<C, E, S>(decider: Decider<C, E, S>, streamName: string): Promise<StreamSnapshot<S>> {
    const { state, events, revision } = await this.load(decider, streamName);
    const commands = new Map<string, AnsweredCommand>();
    for (const event of events) {
      if (typeof event.metadata.commandId !== 'string') continue;
      const fingerprint = event.metadata[FINGERPRINT_KEY];
      commands.set(event.metadata.commandId, { position: event.position, fingerprint: typeof fingerprint === 'string' ? fingerprint : null });
    }
    const last = events[events.length - 1];
    return { state, revision, lastHash: last ? String(last.metadata[CHAIN_HASH_KEY] ?? '') : null, lastPosition: last?.position ?? null, commands };
  }

  private async decideAndAppend<C, E extends DomainEventShape, S>(
    decider: Decider<C, E, S>,
    streamName: string,
    snapshot: StreamSnapshot<S>,
    buildCommand: (metadata: CommandMetadata, state: S) => C | Promise<C>,
    context: CommandContext,
    input: unknown,
  ): Promise<CommandOutcome<S>> {
    const earlier = snapshot.commands.get(context.commandId);
    if (earlier !== undefined) return this.replay(streamName, snapshot, earlier, context.commandId, input);
    assertExpected(streamName, context.expectedRevision, snapshot.revision);
    const now = context.occurredAt ?? this.clock.now();
    const command = await buildCommand({ now: now.toISOString(), actor: context.actor }, snapshot.state);
    const decided = decider.decide(command, snapshot.state);
    if (decided.length === 0) {
      return { streamName, revision: snapshot.revision, position: snapshot.lastPosition, state: snapshot.state, appended: 0, replayed: false };
    }
    const state = decided.reduce((s, e) => decider.evolve(s, e), snapshot.state);
    const subjectId = subjectOfState(state);
    const fingerprint = await this.fingerprints.of(input, subjectId);
    // Sealed before chained: the chain covers the bytes the store keeps, and stays valid after an erasure.
    const sealed = await this.personalData.seal(toNewEvents(decided, streamName, context, now, fingerprint), subjectId);
    const newEvents = chainEvents(sealed, snapshot.lastHash ?? genesisHash(streamName), snapshot.revision);
    const appended = await this.store.appendToStream(streamName, newEvents, snapshot.revision ?? 'no_stream');
    const revision = (snapshot.revision ?? -1) + newEvents.length;
    // Remembered only when these events became the stream's next ones, as the expectation demands.
    if (appended.nextExpectedRevision === revision) {
      const lastHash = String(newEvents[newEvents.length - 1].metadata[CHAIN_HASH_KEY]);
      const commands = new Map(snapshot.commands).set(context.commandId, { position: appended.position, fingerprint });
      this.recent.remember(decider, streamName, { state, revision, lastHash, lastPosition: appended.position, commands });
    } else {
      this.recent.forget(streamName);
    }
    const written = { position: appended.position, type: decided[decided.length - 1].type };
    return { streamName, revision: appended.nextExpectedRevision, position: appended.position, state, appended: decided.length, replayed: false, written };
  }

  /**
   * A command id this stream already answered: the same input is answered as the first time and
   * nothing is written; another input is refused, as nothing of it would be written either.
   */
  private async replay<S>(
    streamName: string, snapshot: StreamSnapshot<S>, earlier: AnsweredCommand, commandId: string, input: unknown,
  ): Promise<CommandOutcome<S>> {
    if (earlier.fingerprint !== null && !sameInput(earlier.fingerprint, await this.fingerprints.of(input, subjectOfState(snapshot.state)))) {
      throw new IdempotencyKeyReusedError(streamName, commandId);
    }
    return { streamName, revision: snapshot.revision, position: earlier.position, state: snapshot.state, appended: 0, replayed: true };
  }
}

const assertExpected = (streamName: string, expected: number | undefined, actual: number | null): void => {
  if (expected !== undefined && expected !== actual) {
    throw new WrongExpectedRevisionError(streamName, expected, actual ?? 'no_stream');
  }
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
    previous = chainHash(previous, { id: event.id, type: event.type, revision, data: event.data, metadata: event.metadata });
    // Object.assign, not a spread: Node 20's V8 adds a key to a spread copy on its slow path (a few us).
    return { ...event, metadata: Object.assign({}, event.metadata, { [CHAIN_HASH_KEY]: previous }) };
  });
};

export const toNewEvents = (
  events: readonly DomainEventShape[],
  streamName: string,
  context: CommandContext,
  occurredAt: Date,
  /** Of the command's input (CommandFingerprints); null when none can be made (an erased person). */
  fingerprint: string | null,
): NewEvent[] =>
  events.map((event, index) => ({
    id: derivedUuid(context.commandId, streamName, String(index)),
    type: event.type,
    data: event.data,
    metadata: {
      actor: context.actor,
      commandId: context.commandId,
      correlationId: context.correlationId ?? context.commandId,
      causationId: context.causationId ?? context.commandId,
      occurredAt: occurredAt.toISOString(),
      ...(fingerprint === null ? {} : { [FINGERPRINT_KEY]: fingerprint }),
    },
  }));
