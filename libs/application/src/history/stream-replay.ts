import {
  accountDecider, contactDecider, evolveAll, leadDecider, opportunityDecider, pipelineDecider,
  type AccountState, type ContactState, type Decider, type LeadState, type OpportunityState, type PipelineState, type StreamType,
} from '@crm/domain';
import type { JsonObject } from '@crm/event-store';

export interface StreamStates {
  LEAD: LeadState;
  ACCOUNT: AccountState;
  CONTACT: ContactState;
  OPPORTUNITY: OpportunityState;
  PIPELINE: PipelineState;
}

type AnyDecider = Decider<unknown, { type: string; data: JsonObject }, unknown>;

const DECIDERS: { [T in StreamType]: AnyDecider } = {
  LEAD: leadDecider as unknown as AnyDecider,
  ACCOUNT: accountDecider as unknown as AnyDecider,
  CONTACT: contactDecider as unknown as AnyDecider,
  OPPORTUNITY: opportunityDecider as unknown as AnyDecider,
  PIPELINE: pipelineDecider as unknown as AnyDecider,
};

/** Folds stored events with the stream type's own decider, exactly as the write side loads an aggregate. */
export const replayStream = <T extends StreamType>(
  type: T,
  events: readonly { type: string; data: JsonObject }[],
): StreamStates[T] => evolveAll(DECIDERS[type], events.map(({ type: t, data }) => ({ type: t, data }))) as StreamStates[T];
