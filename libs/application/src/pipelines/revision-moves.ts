import { Inject, Injectable } from '@nestjs/common';
import {
  isDomainError, opportunityDecider, opportunityStream, pipelineDecider, pipelineDefinition, pipelineStream,
  type CommandMetadata, type OpportunityCommand, type OpportunityState, type PipelineDefinition, type PipelineRevised,
} from '@crm/domain';
import type { EventStore, RecordedEvent } from '@crm/event-store';
import { AggregateStore } from '../core/aggregate-store';
import type { CommandContext, CommandOutcome } from '../core/command-context';
import { derivedUuid } from '../core/event-ids';
import { IdempotencyKeyReusedError } from '../core/idempotency.errors';
import { StreamFacts, type PipelineFactAt } from '../core/stream-facts';
import { EVENT_STORE } from '../core/tokens';
import { pipelineOfOpportunity } from '../opportunities/opportunity-pipeline';
import type { PlacedOpportunity } from './open-opportunities';
import { moveTargetOf } from './stage-moves';

/** A command that places an opportunity at a stage, and the pipeline (read at a revision) it was decided against. */
export type Placement = { command: OpportunityCommand; decidedWith: PipelineFactAt | null };

/** A stored PipelineRevised: what it says, and who made it when and in which conversation. */
export type Revision = PipelineRevised['data'] & { id: string; revision: number; actor: string; correlationId: string; occurredAt: Date };

/** The pipeline as it is now, and its revisions after the one being completed, oldest first. */
export type RevisionPlan = { current: PipelineDefinition; later: Revision[] };

export type MoveResult = { moved: true; position: bigint | null } | { moved: false; refused?: string };

export const revisionOf = (event: RecordedEvent): Revision => ({
  ...(event.data as PipelineRevised['data']),
  id: event.id,
  revision: event.revision,
  actor: event.metadata.actor,
  correlationId: event.metadata.correlationId,
  occurredAt: new Date(event.metadata.occurredAt),
});

/**
 * Moves one opportunity for a pipeline revision, by the domain's ChangeOpportunityStage with
 * `ifAtStage` (a no-op once it moved) under a command id derived from the revision's event id and
 * the opportunity, caused by the revision: sent twice, it writes once. Also the check every write of
 * an opportunity's stage makes afterwards (`afterStageWrite`), so a write decided just before a
 * revision and stored just after it is moved too.
 */
@Injectable()
export class RevisionMoves {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly aggregates: AggregateStore,
    private readonly facts: StreamFacts,
  ) {}

  /** The pipeline as it is now, and its revisions recorded after `afterRevision`. */
  async plan(pipelineId: string, afterRevision: number): Promise<RevisionPlan> {
    const { state, events } = await this.aggregates.load(pipelineDecider, pipelineStream(pipelineId));
    const current = pipelineDefinition(state, pipelineId);
    if (current === null) throw new Error(`Pipeline ${pipelineId} has a revision but no definition`);
    const later = events.filter((event) => event.revision > afterRevision && event.type === 'PipelineRevised').map(revisionOf);
    return { current, later };
  }

  /** `occurredAt`: the move's business time, the revision's as it is part of it; null for now. */
  async move(revision: Revision, plan: RevisionPlan, opportunity: PlacedOpportunity, occurredAt: Date | null): Promise<MoveResult> {
    const to = moveTargetOf(revision, plan.later, plan.current, opportunity.stage);
    if (to === null) return { moved: false };
    const context: CommandContext = {
      actor: revision.actor,
      commandId: derivedUuid(revision.id, opportunity.opportunityId),
      correlationId: revision.correlationId,
      causationId: revision.id,
      ...(occurredAt === null ? {} : { occurredAt }),
    };
    const data = { opportunityId: opportunity.opportunityId, stage: to, ifAtStage: opportunity.stage, ifInPipeline: revision.pipelineId };
    try {
      const outcome = await this.place(data.opportunityId, context, data, async (metadata, state) => {
        const decidedWith = await pipelineOfOpportunity(this.facts, state);
        return { command: { type: 'ChangeOpportunityStage', data: { ...data, pipeline: decidedWith?.definition ?? null }, metadata }, decidedWith };
      });
      if (outcome.appended === 0) return { moved: false };
      return { moved: true, position: outcome.position };
    } catch (error) {
      // Moved by this revision already, towards a target a later revision has since replaced.
      if (error instanceof IdempotencyKeyReusedError) return { moved: false };
      if (isDomainError(error)) return { moved: false, refused: 'reason' in error ? String(error.reason) : error.code };
      throw error;
    }
  }

  /**
   * Runs a command that puts an opportunity at a stage of the pipeline it is decided against, then
   * `afterStageWrite`: every write that places an opportunity (open, change stage, reopen, move, and
   * a revision's own moves) goes through here, so none can land unseen at a stage a revision removed.
   */
  async place(
    opportunityId: string,
    context: CommandContext,
    input: unknown,
    build: (metadata: CommandMetadata, state: OpportunityState) => Promise<Placement>,
  ): Promise<CommandOutcome<OpportunityState>> {
    let decidedWith: PipelineFactAt | null = null;
    const outcome = await this.aggregates.execute(
      opportunityDecider,
      opportunityStream(opportunityId),
      async (metadata, state) => {
        const placement = await build(metadata, state);
        decidedWith = placement.decidedWith;
        return placement.command;
      },
      context,
      input,
    );
    if (outcome.appended > 0 && decidedWith !== null) await this.afterStageWrite(opportunityId, decidedWith);
    return outcome;
  }

  /**
   * After a write put an opportunity at a stage of a pipeline read at `decidedWith`: when a revision
   * was recorded since, that write may have landed after the revision's run looked, at a stage the
   * revision removed. The run reads the log after the revision is stored and this check reads the
   * pipeline after the write is stored, so whichever comes second sees the other.
   */
  async afterStageWrite(opportunityId: string, decidedWith: PipelineFactAt): Promise<void> {
    if (decidedWith.definition === null) return;
    if ((await this.store.streamRevision(pipelineStream(decidedWith.pipelineId))) === decidedWith.revision) return;
    const plan = await this.plan(decidedWith.pipelineId, decidedWith.revision ?? -1);
    for (const [index, revision] of plan.later.entries()) {
      const { state } = await this.aggregates.load(opportunityDecider, opportunityStream(opportunityId));
      if (state.status !== 'OPEN' || state.pipelineId !== revision.pipelineId) return;
      // Dated now: it follows the write it corrects, which came after the revision.
      await this.move(revision, { current: plan.current, later: plan.later.slice(index + 1) }, { opportunityId, stage: state.stage }, null);
    }
  }
}
