import type { CommandMetadata, Decider } from '@crm/domain';
import { CHAIN_HASH_KEY, genesisHash, type JsonObject } from '@crm/event-store';
import { chainEvents, toNewEvents } from '../core/aggregate-store';
import { CommandFingerprints } from '../core/command-fingerprint';
import type { CommandContext } from '../core/command-context';
import type { StoryLog } from './story-log';
import { subjectOfState } from '../privacy/personal-data-codec';

type DomainEventShape = { type: string; data: JsonObject };

export type SeedContext = Omit<CommandContext, 'occurredAt' | 'expectedRevision'>;

/**
 * A stream held in memory while seeding: its state, revision, last chain hash and last business time.
 * Each command is decided by the real decider and turned into stored events by the write path's own
 * helpers (personal fields sealed under keys the seed loaded beforehand), so seeded events are indistinguishable from ones written through the command bus.
 */
export class StreamCursor<C, E extends DomainEventShape, S> {
  state: S;
  revision: number | null = null;
  /** Business time (ms) of the stream's last event: a new event is never earlier, so each stream stays in causal order. */
  lastAt = Number.NEGATIVE_INFINITY;
  /** Ids of the events the last effective decide produced (a process step is caused by them). */
  lastEventIds: string[] = [];
  private hash: string;

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
    const fingerprint = new CommandFingerprints(story.personalData.keys).withLoadedKey(input ?? (command as { data?: unknown }).data, subjectId);
    const sealed = story.personalData.sealOrBlank(toNewEvents(decided, this.streamName, context, occurredAt, fingerprint), subjectId);
    const events = chainEvents(sealed, this.hash, this.revision);
    story.record(this.streamName, events, this.revision);
    this.state = state;
    this.revision = (this.revision ?? -1) + events.length;
    this.hash = String(events[events.length - 1].metadata[CHAIN_HASH_KEY]);
    this.lastAt = occurredAt.getTime();
    this.lastEventIds = events.map((event) => event.id);
    return decided;
  }
}
