import { DEFAULT_PIPELINE, type PipelineDefinition, type PipelineRevised } from '@crm/domain';
import { moveTargetOf } from './stage-moves';

type Revision = PipelineRevised['data'];
const revision = (moves: Revision['moves']): Revision => ({ pipelineId: DEFAULT_PIPELINE.pipelineId, name: 'Sales', stages: [], previousStages: [], moves });
const without = (...keys: string[]): PipelineDefinition => ({ ...DEFAULT_PIPELINE, stages: DEFAULT_PIPELINE.stages.filter((s) => !keys.includes(s.key)) });

describe('where a revision sends an open opportunity of a removed stage', () => {
  const dropQualification = revision([{ from: 'QUALIFICATION', to: 'PROPOSAL' }]);

  it('is the revision\'s move', () => {
    expect(moveTargetOf(dropQualification, [], without('QUALIFICATION'), 'QUALIFICATION')).toBe('PROPOSAL');
  });

  it('follows the moves of later revisions that removed the target in turn', () => {
    const dropProposal = revision([{ from: 'PROPOSAL', to: 'NEGOTIATION' }]);
    expect(moveTargetOf(dropQualification, [dropProposal], without('QUALIFICATION', 'PROPOSAL'), 'QUALIFICATION')).toBe('NEGOTIATION');
  });

  it('is nowhere for a stage the revision did not remove, or one the pipeline has again', () => {
    expect(moveTargetOf(dropQualification, [], without('QUALIFICATION'), 'PROSPECTING')).toBeNull();
    expect(moveTargetOf(dropQualification, [], DEFAULT_PIPELINE, 'QUALIFICATION')).toBeNull();
  });
});
