import { RuleViolation } from '../shared/errors';
import type { PipelineStageDefinition, StageKind } from './pipeline.definition';

const countOf = (stages: readonly PipelineStageDefinition[], kind: StageKind): number =>
  stages.filter((stage) => stage.kind === kind).length;

/** Where an opportunity can be, where it is won, and where it is lost: a pipeline needs all three. */
export function requireWorkableStages(stages: readonly PipelineStageDefinition[]): void {
  if (countOf(stages, 'OPEN') === 0) throw new RuleViolation('NO_OPEN_STAGE', 'A pipeline needs at least one OPEN stage');
  const won = countOf(stages, 'WON');
  if (won !== 1) throw new RuleViolation('WON_STAGE_COUNT', `A pipeline needs exactly one WON stage, not ${won}`);
  if (countOf(stages, 'LOST') === 0) throw new RuleViolation('NO_LOST_STAGE', 'A pipeline needs at least one LOST stage');
}

/** Opportunities at a kept key stay there: what the key means (open, won, lost) cannot change under them. */
export function requireKeptKinds(previous: readonly PipelineStageDefinition[], next: readonly PipelineStageDefinition[]): void {
  for (const stage of next) {
    const before = previous.find((candidate) => candidate.key === stage.key);
    if (before && before.kind !== stage.kind) {
      throw new RuleViolation('STAGE_KIND_CHANGED', `Stage ${stage.key} is ${before.kind} and cannot become ${stage.kind}`);
    }
  }
}

/** Closed opportunities keep the stage they closed in, so WON and LOST stages are never removed. */
export function requireClosingStagesKept(previous: readonly PipelineStageDefinition[], next: readonly PipelineStageDefinition[]): void {
  const removed = previous.find((stage) => stage.kind !== 'OPEN' && !next.some((candidate) => candidate.key === stage.key));
  if (removed) {
    throw new RuleViolation('CLOSING_STAGE_REMOVED', `Stage ${removed.key} is ${removed.kind}: closed opportunities keep it, so it stays`);
  }
}

export const removedOpenStages = (previous: readonly PipelineStageDefinition[], next: readonly PipelineStageDefinition[]): string[] =>
  previous.filter((stage) => stage.kind === 'OPEN' && !next.some((candidate) => candidate.key === stage.key)).map((stage) => stage.key);

export const sameStages = (a: readonly PipelineStageDefinition[], b: readonly PipelineStageDefinition[]): boolean =>
  a.length === b.length &&
  a.every(
    (stage, index) =>
      stage.key === b[index].key &&
      stage.name === b[index].name &&
      stage.probability === b[index].probability &&
      stage.kind === b[index].kind &&
      stage.forecastCategory === b[index].forecastCategory,
  );
