import { DEFAULT_PIPELINE, type PipelineDefinition } from '@crm/domain';
import { RENEWALS } from '../projections/testing/pipeline-events.fixtures';
import { stageVelocity, type StageVelocityRow } from './stage-velocity';
import { lost, opportunity, reopened, timelinesOf, won } from './testing/version-docs.fixtures';

const renewal = { pipelineId: RENEWALS.pipelineId, stage: 'DUE' };
const sales = { pipelineId: DEFAULT_PIPELINE.pipelineId };

const history = timelinesOf(
  opportunity('a', '2026-01-01', {}, ['2026-01-11', { stage: 'QUALIFICATION' }], ['2026-01-16', { amount: '150.00' }], ['2026-01-31', { stage: 'PROPOSAL' }], ['2026-02-10', won()]),
  opportunity('b', '2026-01-01', {}, ['2026-01-02T18:00:00Z', { stage: 'PROPOSAL' }], ['2026-01-10', lost()]),
  opportunity('c', '2026-01-01', { stage: 'QUALIFICATION' }),
  opportunity('d', '2026-01-01', {}, ['2026-01-02', lost()], ['2026-01-12', reopened()], ['2026-01-22', won()]),
  opportunity('e', '2026-01-01', renewal, ['2026-01-06', { ...sales, stage: 'PROSPECTING' }], ['2026-01-08T20:00:00Z', { stage: 'QUALIFICATION' }]),
  opportunity('f', '2026-01-01', { ownerId: 'rep-2' }),
  opportunity('g', '2026-01-01', {}, ['2026-01-05', renewal]),
);

const line = (row: StageVelocityRow) => [row.stage, row.entered, row.medianDays, row.p90Days, row.toNextStageRate, row.toWonRate];

describe('stageVelocity', () => {
  it('counts entries, days of the stays that ended, moves on to the next stage and wins after each entry', () => {
    expect(stageVelocity(history, {}, DEFAULT_PIPELINE).map(line)).toEqual([
      // a 10, b 1.25, d 1 and 10 (entered twice), e 2.33 (moved in from Renewals); f is still there.
      ['PROSPECTING', 6, 2.33, 10, 2 / 6, 3 / 6],
      ['QUALIFICATION', 3, 20, 20, 1 / 3, 1 / 3],
      ['PROPOSAL', 2, 7.75, 10, 0, 1 / 2],
      ['NEGOTIATION', 0, null, null, null, null],
      ['CLOSED_WON', 2, null, null, null, 1],
      ['CLOSED_LOST', 2, 10, 10, null, 1 / 2],
    ]);
  });

  it('takes the opportunities of the query as they are now', () => {
    expect(stageVelocity(history, { ownerId: 'rep-2' }, DEFAULT_PIPELINE).map(line)[0]).toEqual(['PROSPECTING', 1, null, null, 0, 0]);
    const renewals = stageVelocity(history, { pipelineId: RENEWALS.pipelineId }, RENEWALS);
    expect(renewals.map((row) => `${row.stage} ${row.entered}`)).toEqual(['DUE 1', 'CONTACTED 0', 'QUOTED 0', 'AGREED 0', 'RENEWED 0', 'CHURNED 0']);
  });

  it('lists open stages first, then won, then lost, the last open stage leading to the won one', () => {
    const stage = (key: string, kind: 'OPEN' | 'WON' | 'LOST') => ({ key, name: key, probability: 0, kind, forecastCategory: 'PIPELINE' as const });
    const mixed: PipelineDefinition = { ...DEFAULT_PIPELINE, stages: [stage('W', 'WON'), stage('A', 'OPEN'), stage('L', 'LOST'), stage('B', 'OPEN')] };
    const run = timelinesOf(opportunity('x', '2026-01-01', { stage: 'A' }, ['2026-01-02', { stage: 'B' }], ['2026-01-04', won('W')]));
    expect(stageVelocity(run, {}, mixed).map(line)).toEqual([
      ['A', 1, 1, 1, 1, 1],
      ['B', 1, 2, 2, 1, 1],
      ['W', 1, null, null, null, 1],
      ['L', 0, null, null, null, null],
    ]);
  });
});
