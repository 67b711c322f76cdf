import { STAGE_KINDS, type PipelineDefinition, type PipelineStageDefinition, type StageKind } from '@crm/domain';
import type { PipelineQuery } from '../projections/pipeline';
import { versionAt, type OpportunityTimeline, type Timelines } from './timeline.types';
import { matches, versionMatchOf } from './version-match';

export type StageVelocityRow = {
  stage: string;
  name: string;
  kind: StageKind;
  entered: number;
  medianDays: number | null;
  p90Days: number | null;
  toNextStageRate: number | null;
  toWonRate: number | null;
};

const DAY_MS = 86_400_000;

/** What the stays in one stage came to. */
type StageTally = { entered: number; toNext: number; toWon: number; days: number[] };

/** The definition's stages, open ones first, then WON, then LOST, each group in the definition's order. */
const inReportOrder = (definition: PipelineDefinition): PipelineStageDefinition[] =>
  STAGE_KINDS.flatMap((kind) => definition.stages.filter((stage) => stage.kind === kind));

/** When the opportunity, won now, was won: the first version of its last run of WON ones; null when it is not won. */
function wonAt({ versions }: OpportunityTimeline): number | null {
  let first = versions.length - 1;
  if (first < 0 || versions[first].status !== 'WON') return null;
  while (first > 0 && versions[first - 1].status === 'WON') first--;
  return versions[first].at;
}

/**
 * Counts each stay of the opportunity in one of the pipeline's stages: a run of versions in the
 * pipeline at that stage. It is entered at its first version (opened there, changed or moved to
 * it) and left at the first version after it elsewhere, if any.
 */
function countStays(timeline: OpportunityTimeline, pipelineId: string, rows: Map<string, number>, order: readonly PipelineStageDefinition[], tallies: StageTally[]): void {
  const { versions } = timeline;
  const won = wonAt(timeline);
  let index = 0;
  while (index < versions.length) {
    const entry = versions[index];
    let left = index + 1;
    while (left < versions.length && versions[left].stage === entry.stage && versions[left].pipelineId === entry.pipelineId) left++;
    const row = entry.pipelineId === pipelineId ? rows.get(entry.stage) : undefined;
    if (row !== undefined) {
      const tally = tallies[row];
      tally.entered++;
      if (won !== null && won >= entry.at) tally.toWon++;
      if (left < versions.length) {
        const next = versions[left];
        tally.days.push((next.at - entry.at) / DAY_MS);
        if (order[row].kind === 'OPEN' && next.pipelineId === pipelineId && next.stage === order[row + 1]?.key) tally.toNext++;
      }
    }
    index = left;
  }
}

/** Nearest rank: the smallest value with at least `percent` % of the values at or below it, to 2 decimals. */
function percentile(sorted: Float64Array, percent: number): number | null {
  if (sorted.length === 0) return null;
  const rank = Math.max(1, Math.ceil((percent * sorted.length) / 100));
  return Math.round(sorted[rank - 1] * 100) / 100;
}

function rowOf(stage: PipelineStageDefinition, tally: StageTally): StageVelocityRow {
  const days = Float64Array.from(tally.days).sort();
  const { entered } = tally;
  return {
    stage: stage.key,
    name: stage.name,
    kind: stage.kind,
    entered,
    medianDays: percentile(days, 50),
    p90Days: percentile(days, 90),
    toNextStageRate: stage.kind === 'OPEN' && entered > 0 ? tally.toNext / entered : null,
    toWonRate: entered > 0 ? tally.toWon / entered : null,
  };
}

/**
 * How opportunities moved through the pipeline's stages, over every opportunity in the query's
 * slice as it is now (pipeline, owner, currency, close month; any status). Per stage: the times it
 * was entered; days spent in it over the stays that ended; the share of entries that went on to the
 * next stage in order (the last open stage's next one is the WON stage); the share of entries of
 * opportunities won now, and won after that entry. Stays in another pipeline before a move, and in
 * stages the definition no longer has, are not counted.
 */
export function stageVelocity(timelines: Timelines, query: PipelineQuery, definition: PipelineDefinition): StageVelocityRow[] {
  const match = versionMatchOf(query);
  const order = inReportOrder(definition);
  const rows = new Map(order.map((stage, row) => [stage.key, row]));
  const tallies = order.map((): StageTally => ({ entered: 0, toNext: 0, toWon: 0, days: [] }));
  for (const timeline of timelines.inPipeline(match.pipelineId)) {
    const now = versionAt(timeline, null);
    if (now !== null && matches(now, match)) countStays(timeline, match.pipelineId, rows, order, tallies);
  }
  return order.map((stage, row) => rowOf(stage, tallies[row]));
}
