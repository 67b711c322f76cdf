import { STAGE_KINDS, type PipelineDefinition, type PipelineStageDefinition, type StageKind } from '@crm/domain';
import { pipelineIdOf, type PipelineQuery } from '../projections/pipeline';
import { nearestRanks } from './nearest-rank';
import { ScratchPool, type Scratch } from './scratch';
import { pipelineColumns, WON, type PipelineColumns } from './pipeline-columns';
import type { Timelines } from './timeline.types';
import { VersionMatch } from './version-match';

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

/** What the stays in one stage came to; `days` lent from `scratch` for the call. */
type StageTally = { entered: number; toNext: number; toWon: number; days: Scratch };

const scratch = new ScratchPool();

/** The definition's stages, open ones first, then WON, then LOST, each group in the definition's order. */
const inReportOrder = (definition: PipelineDefinition): PipelineStageDefinition[] =>
  STAGE_KINDS.flatMap((kind) => definition.stages.filter((stage) => stage.kind === kind));

/** What the report needs of the columns' stage codes: each one's row (-1: not a stage of the definition) and the code of the row after it. */
type Rows = { rowOf: Int32Array; nextCode: Int32Array; open: Uint8Array };

function rowsOf(columns: PipelineColumns, order: readonly PipelineStageDefinition[]): Rows {
  const codes = columns.stages.values;
  const rowOf = Int32Array.from(codes, (key) => order.findIndex((stage) => stage.key === key));
  const nextCode = Int32Array.from(rowOf, (row) => (row < 0 || row + 1 >= order.length ? -1 : columns.stages.find(order[row + 1].key)));
  const open = Uint8Array.from(rowOf, (row) => (row >= 0 && order[row].kind === 'OPEN' ? 1 : 0));
  return { rowOf, nextCode, open };
}

/** When opportunity `k`, won now, was won: the first version of its last run of WON ones; null when it is not won. */
function wonAt(columns: PipelineColumns, k: number): number | null {
  let first = columns.end[k] - 1;
  if (columns.status[first] !== WON) return null;
  while (first > columns.first[k] && columns.status[first - 1] === WON) first--;
  return columns.at[first];
}

/**
 * Counts each stay of opportunity `k` in one of the pipeline's stages: a run of versions in the
 * pipeline at that stage. It is entered at its first version (opened there, changed or moved to
 * it) and left at the first version after it elsewhere, if any.
 */
function countStays(columns: PipelineColumns, k: number, rows: Rows, tallies: StageTally[]): void {
  const { stage, inPipeline, at } = columns;
  const won = wonAt(columns, k);
  const end = columns.end[k];
  let entry = columns.first[k];
  while (entry < end) {
    let left = entry + 1;
    while (left < end && stage[left] === stage[entry] && inPipeline[left] === inPipeline[entry]) left++;
    const row = inPipeline[entry] === 1 ? rows.rowOf[stage[entry]] : -1;
    if (row >= 0) {
      const tally = tallies[row];
      tally.entered++;
      if (won !== null && won >= at[entry]) tally.toWon++;
      if (left < end) {
        tally.days.push((at[left] - at[entry]) / DAY_MS);
        if (rows.open[stage[entry]] === 1 && inPipeline[left] === 1 && stage[left] === rows.nextCode[stage[entry]]) tally.toNext++;
      }
    }
    entry = left;
  }
}

/** To 2 decimals. */
const hundredths = (days: number | null): number | null => (days === null ? null : Math.round(days * 100) / 100);

function rowOf(stage: PipelineStageDefinition, tally: StageTally): StageVelocityRow {
  const [median, p90] = nearestRanks(tally.days.view(), [50, 90]);
  const { entered } = tally;
  return {
    stage: stage.key,
    name: stage.name,
    kind: stage.kind,
    entered,
    medianDays: hundredths(median),
    p90Days: hundredths(p90),
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
  const columns = pipelineColumns(timelines, pipelineIdOf(query));
  const match = new VersionMatch(columns, query);
  const order = inReportOrder(definition);
  const rows = rowsOf(columns, order);
  scratch.reset();
  const tallies = order.map((): StageTally => ({ entered: 0, toNext: 0, toWon: 0, days: scratch.take() }));
  for (let k = 0; k < columns.size; k++) {
    if (match.matches(columns.end[k] - 1)) countStays(columns, k, rows, tallies);
  }
  return order.map((stage, row) => rowOf(stage, tallies[row]));
}
