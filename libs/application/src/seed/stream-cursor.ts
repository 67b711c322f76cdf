import type { CommandMetadata, Decider } from '@crm/domain';
import { CHAIN_HASH_KEY, genesisHash, type JsonObject } from '@crm/event-store';
import { chainEvents, toNewEvents } from '../core/aggregate-store';
import { CommandFingerprints, FINGERPRINT_KEY } from '../core/command-fingerprint';
import type { CommandContext } from '../core/command-context';
import type { StoryLog } from './story-log';
import { subjectOfState } from '../privacy/personal-data-codec';

type DomainEventShape = { type: string; data: JsonObject };

export type SeedContext = Omit<CommandContext, 'occurredAt' | 'expectedRevision'>;

/**
 * A stream held in memory while seeding: its state, revision, last chain hash and last business time.
 * Each command is decided by the real decider and turned into stored events by the write path's own
 * helpers, so seeded events are indistinguishable from ones written through the command bus. The
 * events of a person's stream (a lead, a contact) are fingerprinted, sealed and chained once the
 * story is told and the keys of the people it recorded are made (`StoryLog.finish`); a person's
 * stream is never touched by another story, so nothing else needs its chain before then.
 */
export class StreamCursor<C, E extends DomainEventShape, S> {
  state: S;
  revision: number | null = null;
  /** Business time (ms) of the stream's last event: a new event is never earlier, so each stream stays in causal order. */
  lastAt = Number.NEGATIVE_INFINITY;
  /** Ids of the events the last effective decide produced (a process step is caused by them). */
  lastEventIds: string[] = [];
  private hash: string;
  /** Commands decided on this stream whose events wait for `StoryLog.finish`. */
  private waiting = 0;

  constructor(
    readonly streamName: string,
    private readonly decider: Decider<C, E, S>,
  ) {
    this.state = decider.initialState();
    this.hash = genesisHash(streamName);
  }

  /**
   * Decides `build(metadata)` at business time `at`, records the events in `story` and returns them.
   * `input` is what a handler would fingerprint: given for the steps a server's conversion process
   * may write too (its events must come out the same); otherwise the command's data, as nothing
   * but the seed ever sends a seeded command id.
   */
  decide(story: StoryLog, context: SeedContext, at: number, build: (metadata: CommandMetadata) => C, input?: unknown): E[] {
    const occurredAt = new Date(Math.max(at, this.lastAt));
    const command = build({ now: occurredAt.toISOString(), actor: context.actor });
    const decided = this.decider.decide(command, this.state);
    if (decided.length === 0) return decided;
    const state = decided.reduce((s, event) => this.decider.evolve(s, event), this.state);
    const subjectId = subjectOfState(state);
    const fingerprinted = input ?? (command as { data?: unknown }).data;
    // The ids are known now (a process step is caused by them); the fingerprint, sealing and chain
    // link of a person's events wait for their key (`StoryLog.finish`).
    const unsealed = toNewEvents(decided, this.streamName, context, occurredAt, null);
    const revisionBefore = this.revision;
    const slot = story.record(this.streamName, unsealed, revisionBefore);
    const finish = () => {
      const fingerprint = new CommandFingerprints(story.personalData.keys).withLoadedKey(fingerprinted, subjectId);
      const withFingerprint = fingerprint === null ? unsealed : unsealed.map((event) => ({ ...event, metadata: { ...event.metadata, [FINGERPRINT_KEY]: fingerprint } }));
      const events = chainEvents(story.personalData.sealOrBlank(withFingerprint, subjectId), this.hash, revisionBefore);
      slot.fill(events);
      this.hash = String(events[events.length - 1].metadata[CHAIN_HASH_KEY]);
    };
    // A stream whose earlier events still wait waits too: its chain goes in decision order.
    if (subjectId === null && this.waiting === 0) finish();
    else {
      this.waiting++;
      story.later(subjectId, () => {
        this.waiting--;
        finish();
      });
    }
    this.state = state;
    this.revision = (this.revision ?? -1) + unsealed.length;
    this.lastAt = occurredAt.getTime();
    this.lastEventIds = unsealed.map((event) => event.id);
    return decided;
  }
}
