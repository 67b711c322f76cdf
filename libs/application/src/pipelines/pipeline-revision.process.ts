import { Inject, Injectable } from '@nestjs/common';
import type { EventStore, RecordedEvent } from '@crm/event-store';
import { EVENT_STORE } from '../core/tokens';
import { openOpportunitiesAt } from './open-opportunities';
import { RevisionMoves, revisionOf, type MoveResult } from './revision-moves';

/** Opportunities moved at once: their appends share the store's group commits. */
const BATCH = 16;

export interface RevisionOutcome {
  /** Opportunities this run moved (0 when an earlier run had moved them all). */
  moved: number;
  /** Position of the last move written, for read-your-writes waits; null when none was. */
  lastPosition: bigint | null;
  /** Opportunities a rule kept from moving, with its reason (reported, not retried: the rule holds until someone acts). */
  refused: { opportunityId: string; reason: string }[];
}

/**
 * The second half of a pipeline revision: every open opportunity left at a stage it removed moves
 * where the revision says (RevisionMoves). PipelineRevised is the commit point; running this again
 * (the request, the runner after a crash, both racing) sends the same commands and writes nothing new.
 */
@Injectable()
export class PipelineRevisionProcess {
  private readonly completing = new Map<string, Promise<RevisionOutcome>>();

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    private readonly moves: RevisionMoves,
  ) {}

  /** Completes `revised` (a stored PipelineRevised); the request and the runner of one process share a run. */
  complete(revised: RecordedEvent): Promise<RevisionOutcome> {
    const running = this.completing.get(revised.id);
    if (running) return running;
    const completion = this.run(revised).finally(() => this.completing.delete(revised.id));
    this.completing.set(revised.id, completion);
    return completion;
  }

  private async run(revised: RecordedEvent): Promise<RevisionOutcome> {
    const revision = revisionOf(revised);
    const outcome: RevisionOutcome = { moved: 0, lastPosition: null, refused: [] };
    if (revision.moves.length === 0) return outcome;
    const plan = await this.moves.plan(revision.pipelineId, revision.revision);
    const found = await openOpportunitiesAt(this.store, revision.pipelineId, revision.moves.map((move) => move.from));
    for (let start = 0; start < found.length; start += BATCH) {
      const batch = found.slice(start, start + BATCH);
      // Settled together: a failed move leaves no other still writing after the run has reported.
      const settled = await Promise.allSettled(batch.map((opportunity) => this.moves.move(revision, plan, opportunity, revision.occurredAt)));
      const failed = settled.find((result) => result.status === 'rejected');
      if (failed) throw failed.reason;
      settled.forEach((settledMove, index) => {
        const result = (settledMove as PromiseFulfilledResult<MoveResult>).value;
        if (!result.moved) {
          if (result.refused) outcome.refused.push({ opportunityId: batch[index].opportunityId, reason: result.refused });
          return;
        }
        outcome.moved++;
        if (result.position !== null && (outcome.lastPosition === null || result.position > outcome.lastPosition)) outcome.lastPosition = result.position;
      });
    }
    return outcome;
  }
}
