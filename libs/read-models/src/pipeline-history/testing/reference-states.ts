import {
  evolveOpportunity,
  initialOpportunityState,
  isOpportunityEvent,
  upcastOpportunityEvent,
  type OpportunityEvent,
  type OpportunityState,
} from '@crm/domain';
import type { RecordedEvent } from '@crm/event-store';
import { moneyDoc } from '../../projections/money';
import { occurredAt } from '../../projections/projection-helpers';
import type { OpportunityVersion, OpportunityVersionDoc } from '../timeline.types';

/** An opportunity as it stood at an instant, by the reference fold. */
export type ReferenceState = Pick<OpportunityVersionDoc, 'pipelineId' | 'ownerId' | 'stage' | 'status' | 'amount' | 'expectedCloseDate'> & {
  /** Epoch ms: the business time it was opened at (as `OpportunityTimeline.openedAt`). */
  openedAt: number;
};

/** One stream's fold so far; `done` once its running latest business time passed the instant. */
type Folded = { state: OpportunityState; latest: number; openedAt: number | null; done: boolean };

/**
 * Each opportunity as it stood at `t` (epoch ms; null: now), computed without the projection: each
 * stream's events folded in log order by the domain's own `evolveOpportunity`, taking the prefix
 * whose running latest business time (metadata.occurredAt) is not after `t`. Opportunities not opened
 * by then are absent. `events` may hold any events in log order: all but opportunity events are
 * ignored, and events of the shape before several pipelines are read as today's.
 */
export function referenceStatesAt(events: readonly RecordedEvent[], t: number | null): Map<string, ReferenceState> {
  const folds = new Map<string, Folded>();
  for (const recorded of events) {
    if (!isOpportunityEvent(recorded)) continue;
    const event = upcastOpportunityEvent({ type: recorded.type, data: recorded.data }) as OpportunityEvent;
    let fold = folds.get(recorded.streamName);
    if (fold === undefined) folds.set(recorded.streamName, (fold = { state: initialOpportunityState(), latest: -Infinity, openedAt: null, done: false }));
    if (fold.done) continue;
    const latest = Math.max(fold.latest, Date.parse(occurredAt(recorded)));
    fold.done = t !== null && latest > t;
    if (fold.done) continue;
    fold.latest = latest;
    const wasUnknown = fold.state.status === 'Unknown';
    fold.state = evolveOpportunity(fold.state, event);
    if (wasUnknown && fold.state.status !== 'Unknown') fold.openedAt = latest;
  }
  const states = new Map<string, ReferenceState>();
  for (const { state, openedAt } of folds.values()) {
    if (state.status === 'Unknown' || openedAt === null) continue;
    const { opportunityId, pipelineId, ownerId, stage, status, amount, expectedCloseDate } = state;
    states.set(opportunityId, { pipelineId, ownerId, stage, status, amount: moneyDoc(amount), expectedCloseDate, openedAt });
  }
  return states;
}

/** The fields of an `OpportunityVersion` a reference state gives, for comparing with `versionAt`. */
export type ReferenceVersion = Pick<OpportunityVersion, 'pipelineId' | 'ownerId' | 'stage' | 'status' | 'currency' | 'amountMinor' | 'expectedCloseDate' | 'closeMonth'>;

export const referenceVersionOf = (state: ReferenceState): ReferenceVersion => ({
  pipelineId: state.pipelineId,
  ownerId: state.ownerId,
  stage: state.stage,
  status: state.status,
  currency: state.amount.currency,
  amountMinor: BigInt(state.amount.amountMinor),
  expectedCloseDate: state.expectedCloseDate,
  closeMonth: state.expectedCloseDate.slice(0, 7),
});
