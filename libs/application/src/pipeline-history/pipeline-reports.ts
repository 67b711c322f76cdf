import { Inject, Injectable } from '@nestjs/common';
import { NotFoundError, ValidationError } from '@crm/domain';
import {
  forecastRows, pipelineDefinitionOf, pipelineDocsAt, pipelineIdOf, pipelineMovement, stageVelocity, summarisePipeline,
  type ForecastRow, type MovementReport, type PipelineDefinitionDoc, type PipelineQuery, type PipelineStageSummary, type StageVelocityRow, type Timelines,
} from '@crm/read-models';
import { ReadModelsAsOf } from '../history/read-models-as-of';

/** Where reports read opportunities' timelines from: a keeper that follows the read model. */
export interface TimelineSource {
  current(): Promise<Timelines>;
}

export const TIMELINE_SOURCE = Symbol('TIMELINE_SOURCE');

export type ForecastPeriod = 'MONTH' | 'QUARTER';

/**
 * The instants a forecast may be bounded by: a close date is written YYYY-MM-DD, so a bound past
 * 9999-12-31 (a DateTime with an offset can name one) or before year 0000 names no date to compare with.
 */
const FIRST_BOUND = Date.parse('0000-01-01T00:00:00Z');
const LAST_BOUND = Date.parse('9999-12-31T00:00:00Z');

function requireDateBound(field: 'from' | 'to', instant: Date | null): void {
  if (instant !== null && (instant.getTime() < FIRST_BOUND || instant.getTime() > LAST_BOUND)) {
    throw ValidationError.field(field, 'must be from 0000-01-01T00:00:00Z to 9999-12-31T00:00:00Z');
  }
}

/** A window ends at or after its start. */
function requireOrder(from: Date | null, to: Date | null): void {
  if (from !== null && to !== null && from.getTime() > to.getTime()) throw ValidationError.field('to', 'must not be before from');
}

/** What every report answers with besides its figures: the pipeline as it was defined for them. */
type Defined<T> = { definition: PipelineDefinitionDoc } & T;

/**
 * The pipeline through time, answered from the opportunities' timelines (a read model held in
 * memory), never by replaying the log: the pipeline as it stood at an instant, what moved it between
 * two, the forecast by close period and how fast opportunities pass each stage. A stage's meaning
 * (name, probability, forecast category) is its pipeline's definition at the instant asked about,
 * replayed from the pipeline's short stream; before the pipeline was defined, as it is now.
 */
@Injectable()
export class PipelineReports {
  constructor(
    @Inject(TIMELINE_SOURCE) private readonly timelines: TimelineSource,
    private readonly definitions: ReadModelsAsOf,
  ) {}

  /** Per stage, as `pipeline` answers, as it stood at `at` (null: now). */
  async pipelineAt(query: PipelineQuery, at: Date | null): Promise<Defined<{ stages: PipelineStageSummary[] }>> {
    const definition = await this.definitionAt(pipelineIdOf(query), at ?? new Date());
    const docs = pipelineDocsAt(await this.timelines.current(), at === null ? null : at.getTime(), query);
    return { definition, stages: summarisePipeline(docs, pipelineDefinitionOf(definition), query) };
  }

  /** `withEntries: false` when nobody will read which opportunities are in a bucket: counts and sums only, at a fraction of the cost. */
  async movement(from: Date, to: Date, query: PipelineQuery, withEntries = true): Promise<Defined<MovementReport>> {
    requireOrder(from, to);
    const definition = await this.definitionAt(pipelineIdOf(query), to);
    return { definition, ...pipelineMovement(await this.timelines.current(), from.getTime(), to.getTime(), query, { entries: withEntries }) };
  }

  async forecast(query: PipelineQuery, period: ForecastPeriod, from: Date | null, to: Date | null): Promise<Defined<{ rows: ForecastRow[] }>> {
    requireDateBound('from', from);
    requireDateBound('to', to);
    requireOrder(from, to);
    const definition = await this.definitionAt(pipelineIdOf(query), new Date());
    const bound = (instant: Date | null) => (instant === null ? null : instant.toISOString());
    const rows = forecastRows(await this.timelines.current(), null, query, period, bound(from), bound(to), pipelineDefinitionOf(definition));
    return { definition, rows };
  }

  async stageVelocity(query: PipelineQuery): Promise<Defined<{ stages: StageVelocityRow[] }>> {
    const definition = await this.definitionAt(pipelineIdOf(query), new Date());
    return { definition, stages: stageVelocity(await this.timelines.current(), query, pipelineDefinitionOf(definition)) };
  }

  /** The pipeline as defined at `at`, or as it is now when it was defined later; NOT_FOUND when it never was. */
  private async definitionAt(pipelineId: string, at: Date): Promise<PipelineDefinitionDoc> {
    const then = await this.definitions.pipelineDefinition(pipelineId, at);
    const found = then ?? (await this.definitions.pipelineDefinition(pipelineId, new Date()));
    if (found === null) throw new NotFoundError('Pipeline', pipelineId);
    return found;
  }
}
