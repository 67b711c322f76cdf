import { Args, Query, Resolver } from '@nestjs/graphql';
import { PipelineReports } from '@crm/application';
import { READERS, Roles } from '../auth/roles.decorator';
import { FILTER, rolesNote } from '../graphql/argument-descriptions';
import { PipelineFilter } from '../pipeline/pipeline.types';
import { pipelineQueryOf } from '../pipeline/pipeline-query';
import { definitionNode } from '../pipelines/pipeline-definition.resolver';
import { Forecast, ForecastPeriod, StageVelocity } from './forecast.types';

/** The forecast and stage velocity: both read the opportunities' timelines as they stand now. */
@Resolver()
@Roles(...READERS)
export class ForecastResolver {
  constructor(private readonly reports: PipelineReports) {}

  @Query(() => Forecast, {
    description: `Open opportunities by expected close period and forecast category (count, amounts, weighted amounts), and what was won in each period. \`from\` (inclusive) and \`to\` (exclusive) bound the close dates and win instants counted; \`to\` before \`from\`, or either outside 0000-01-01T00:00:00Z..9999-12-31T00:00:00Z, is BAD_USER_INPUT. ${rolesNote(READERS)}`,
  })
  async forecast(
    @Args('filter', { type: () => PipelineFilter, nullable: true, description: FILTER }) filter?: PipelineFilter,
    @Args('period', { type: () => ForecastPeriod, nullable: true, defaultValue: ForecastPeriod.MONTH, description: 'Months or quarters; MONTH unless given.' })
    period: ForecastPeriod = ForecastPeriod.MONTH,
    @Args('from', { type: () => Date, nullable: true, description: 'Count close dates and wins from this instant on.' }) from?: Date,
    @Args('to', { type: () => Date, nullable: true, description: 'Count close dates and wins before this instant.' }) to?: Date,
  ): Promise<Forecast> {
    const report = await this.reports.forecast(pipelineQueryOf(filter), period, from ?? null, to ?? null);
    return { pipeline: definitionNode(report.definition), period, rows: report.rows };
  }

  @Query(() => StageVelocity, {
    description: `Per stage of a pipeline: how many times opportunities entered it, how many days they stayed (median, 90th percentile) and how many moved on to the next stage and to won, over their whole history. The filter applies to opportunities as they are now. ${rolesNote(READERS)}`,
  })
  async stageVelocity(@Args('filter', { type: () => PipelineFilter, nullable: true, description: FILTER }) filter?: PipelineFilter): Promise<StageVelocity> {
    const report = await this.reports.stageVelocity(pipelineQueryOf(filter));
    return { pipeline: definitionNode(report.definition), stages: report.stages };
  }
}
