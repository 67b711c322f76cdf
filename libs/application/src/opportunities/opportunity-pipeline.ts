import type { OpportunityState } from '@crm/domain';
import type { PipelineFactAt, StreamFacts } from '../core/stream-facts';

/**
 * The pipeline an existing opportunity's command is decided against: its own, as it is now. Null for
 * an opportunity that does not exist (the decider says NOT_FOUND without it).
 */
export const pipelineOfOpportunity = async (facts: StreamFacts, state: OpportunityState): Promise<PipelineFactAt | null> =>
  state.status === 'Unknown' ? null : facts.pipelineAt(state.pipelineId);
