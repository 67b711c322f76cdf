import { stageOf, type PipelineDefinition, type PipelineRevised } from '@crm/domain';

type Revision = PipelineRevised['data'];

/**
 * Where an open opportunity at `stage` goes because of `revision`: the revision's move for that
 * stage, followed through the moves of the pipeline's later revisions (which may have removed the
 * target in turn), so a revision completed late still lands it at a stage the pipeline has now.
 * Null when it stays: the revision did not remove that stage, or the pipeline has an OPEN stage of
 * that key again (the opportunity belongs there).
 */
export function moveTargetOf(revision: Revision, later: readonly Revision[], current: PipelineDefinition, stage: string): string | null {
  if (stageOf(current, stage)?.kind === 'OPEN') return null;
  const move = revision.moves.find((candidate) => candidate.from === stage);
  if (!move) return null;
  let target = move.to;
  for (const next of later) target = next.moves.find((candidate) => candidate.from === target)?.to ?? target;
  return target;
}
