import { Args, Context, Query, Resolver } from '@nestjs/graphql';
import { PipelineReports } from '@crm/application';
import type { RequestContext } from '../auth/request-user';
import { READERS, Roles } from '../auth/roles.decorator';
import { FILTER } from '../graphql/argument-descriptions';
import { pipelineQueryOf } from './pipeline-query';
import { definitionNode } from '../pipelines/pipeline-definition.resolver';
import { CurrentPipeline } from './current-pipeline';
import { Pipeline, PipelineFilter } from './pipeline.types';

const PIPELINE_AS_OF =
  'The pipeline as it stood at this instant (business time), each opportunity as it was then, its stages weighted by the probabilities defined then; ' +
  'read from the opportunities\' timelines, never by replaying the log. Omit it for now.';

/** Now: from the pre-aggregated read model (`CurrentPipeline`); as of an instant: from the opportunities' timelines. */
@Resolver()
@Roles(...READERS)
export class PipelineResolver {
  constructor(
    private readonly current: CurrentPipeline,
    private readonly reports: PipelineReports,
  ) {}

  @Query(() => Pipeline, { description: 'Opportunities per stage of one pipeline (the default one unless named), with their amounts per currency (rep, manager, auditor, analyst, admin).' })
  async pipeline(
    @Context() request: RequestContext,
    @Args('filter', { type: () => PipelineFilter, nullable: true, description: FILTER }) filter?: PipelineFilter,
    @Args('asOf', { type: () => Date, nullable: true, description: PIPELINE_AS_OF }) asOf?: Date,
  ): Promise<Pipeline> {
    const query = pipelineQueryOf(filter);
    if (asOf !== undefined && asOf !== null) {
      const then = await this.reports.pipelineAt(query, asOf);
      return { pipeline: definitionNode(then.definition), stages: then.stages };
    }
    return this.current.answer(request, query);
  }
}
