import { Inject, Injectable } from '@nestjs/common';
import {
  accountDecider, accountStream, contactDecider, contactStream, EntityId, pipelineDecider, pipelineDefinition, pipelineStream,
  type AccountState, type PipelineDefinition,
} from '@crm/domain';
import type { EventStore } from '@crm/event-store';
import { AggregateStore } from './aggregate-store';
import { EVENT_STORE } from './tokens';

/** Longer parent chains are refused as cycles-in-waiting rather than walked forever. */
const MAX_ANCESTRY = 50;
/** Pipelines are few; their definitions are read on every stage change. */
const CACHED_PIPELINES = 256;

/** A pipeline as read, and the revision of its stream then (null: empty), to tell later whether it changed since. */
export interface PipelineFactAt {
  pipelineId: string;
  definition: PipelineDefinition | null;
  revision: number | null;
}

/**
 * Facts from other streams that a decision needs (does the account exist, where does the contact
 * work). Read from the event store, never from a read model, so they are never stale by a projection.
 */
@Injectable()
export class StreamFacts {
  private readonly pipelines = new Map<string, PipelineFactAt>();

  constructor(
    private readonly aggregates: AggregateStore,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  /** The pipeline's definition from its stream (the default one while the default's stream is empty); null when there is none. */
  async pipeline(pipelineId: string): Promise<PipelineDefinition | null> {
    return (await this.pipelineAt(pipelineId)).definition;
  }

  /**
   * As `pipeline`, with the revision it was read at. A definition is kept per stream revision, so a
   * stage change costs one indexed revision lookup of the pipeline's stream, and is never stale.
   */
  async pipelineAt(rawPipelineId: string): Promise<PipelineFactAt> {
    const pipelineId = rawPipelineId.trim().toLowerCase();
    // A malformed id names no pipeline; the decider reports the field.
    if (!EntityId.isValid(pipelineId)) return { pipelineId, definition: null, revision: null };
    const stream = pipelineStream(pipelineId);
    const revision = await this.store.streamRevision(stream);
    const cached = this.pipelines.get(pipelineId);
    if (cached !== undefined && cached.revision === revision) return cached;
    const loaded = await this.aggregates.load(pipelineDecider, stream);
    const fact = { pipelineId, definition: pipelineDefinition(loaded.state, pipelineId), revision: loaded.revision };
    this.pipelines.delete(pipelineId);
    if (this.pipelines.size >= CACHED_PIPELINES) this.pipelines.delete(this.pipelines.keys().next().value!);
    this.pipelines.set(pipelineId, fact);
    return fact;
  }

  async accountExists(accountId: string): Promise<boolean> {
    const { state } = await this.aggregates.load(accountDecider, accountStream(accountId));
    return state.status !== 'Unknown';
  }

  /** The contact's current account; null when the contact does not exist or has left. */
  async contactAccountId(contactId: string): Promise<string | null> {
    const { state } = await this.aggregates.load(contactDecider, contactStream(contactId));
    return state.status === 'ACTIVE' ? state.accountId : null;
  }

  /** The parent's id followed by its ancestors'; stops at a repeat so an existing cycle cannot hang us. */
  async parentFacts(parentAccountId: string | null | undefined): Promise<{ parentExists?: boolean; parentAncestry?: string[] }> {
    if (!parentAccountId) return {};
    const ancestry: string[] = [];
    let next: string | null = parentAccountId;
    while (next && !ancestry.includes(next) && ancestry.length < MAX_ANCESTRY) {
      const { state }: { state: AccountState } = await this.aggregates.load(accountDecider, accountStream(next));
      if (state.status === 'Unknown') return { parentExists: ancestry.length > 0, parentAncestry: ancestry };
      ancestry.push(next);
      next = state.parentAccountId ?? null;
    }
    return { parentExists: true, parentAncestry: ancestry };
  }
}
