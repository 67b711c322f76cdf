import { Context, Int, Parent, ResolveField, Resolver } from '@nestjs/graphql';
import { ForecastCategory } from '@crm/domain';
import { pipelineDefinitionOf, stagePricing, type OpportunityDoc, type StagePricing } from '@crm/read-models';
import type { RequestContext } from '../auth/request-user';
import { Money } from '../graphql/money.type';
import { PipelineDefinitions } from '../pipelines/pipeline-definitions.service';
import { definitionNode } from '../pipelines/pipeline-definition.resolver';
import { PipelineDefinitionNode } from '../pipelines/pipeline-definition.types';
import { OpportunityNode } from './opportunity.types';

/**
 * What an opportunity's stage means, from its pipeline's definition (as of the instant the node was
 * read as of, if any) rather than stored with the opportunity: a revision that re-weights a stage is
 * seen by every opportunity at once, without rewriting them.
 */
@Resolver(() => OpportunityNode)
export class OpportunityStageResolver {
  constructor(private readonly definitions: PipelineDefinitions) {}

  @ResolveField(() => PipelineDefinitionNode, {
    description: 'The pipeline it is in (read with asOf: as it was defined then, or as it is now if it was defined later).',
  })
  async pipeline(@Parent() opportunity: OpportunityNode, @Context() request: RequestContext): Promise<PipelineDefinitionNode> {
    return definitionNode(await this.definitions.forOpportunity(request, opportunity.pipelineId, opportunity.asOf));
  }

  @ResolveField(() => String, { description: "The stage's name in its pipeline; the key itself for a stage just removed whose opportunities are being moved." })
  async stageName(@Parent() opportunity: OpportunityNode, @Context() request: RequestContext): Promise<string> {
    return (await this.pricing(opportunity, request)).stageName;
  }

  @ResolveField(() => Int, {
    description:
      "The stage's chance of winning in whole percent, as its pipeline defines it now, or then when read with asOf (10, 20, 50, 80, 100 and 0 in the default pipeline).",
  })
  async probability(@Parent() opportunity: OpportunityNode, @Context() request: RequestContext): Promise<number> {
    return (await this.pricing(opportunity, request)).probability;
  }

  @ResolveField(() => ForecastCategory, { description: "Where it counts in a forecast: its stage's category." })
  async forecastCategory(@Parent() opportunity: OpportunityNode, @Context() request: RequestContext): Promise<ForecastCategory> {
    return (await this.pricing(opportunity, request)).forecastCategory;
  }

  @ResolveField(() => Money, { description: "Amount times the stage probability, rounded half away from zero to the currency's minor unit." })
  async weightedAmount(@Parent() opportunity: OpportunityNode, @Context() request: RequestContext): Promise<Money> {
    return (await this.pricing(opportunity, request)).weightedAmount;
  }

  private async pricing(opportunity: OpportunityNode, request: RequestContext): Promise<StagePricing> {
    const definition = await this.definitions.forOpportunity(request, opportunity.pipelineId, opportunity.asOf);
    return stagePricing(opportunity as unknown as OpportunityDoc, pipelineDefinitionOf(definition));
  }
}
