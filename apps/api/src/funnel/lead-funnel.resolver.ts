import { Args, Query, Resolver } from '@nestjs/graphql';
import { funnelFilterFor, summariseFunnel, type LeadFunnelDoc } from '@crm/read-models';
import { READERS, Roles } from '../auth/roles.decorator';
import { FILTER, rolesNote } from '../graphql/argument-descriptions';
import { ReadModelsService } from '../shared/read-models.service';
import { LeadFunnel, LeadFunnelFilter } from './lead-funnel.types';

/** Per source and capture month counts and time histograms, merged over the months asked for. */
@Resolver()
@Roles(...READERS)
export class LeadFunnelResolver {
  constructor(private readonly readModels: ReadModelsService) {}

  @Query(() => LeadFunnel, { description: `The lead funnel per source, over leads captured in the months asked for (all of them by default). ${rolesNote(READERS)}` })
  async leadFunnel(@Args('filter', { type: () => LeadFunnelFilter, nullable: true, description: FILTER }) filter?: LeadFunnelFilter): Promise<LeadFunnel> {
    const docs = await this.readModels.findAll<LeadFunnelDoc>('lead_funnel', funnelFilterFor(filter ?? {}));
    return { sources: summariseFunnel(docs) };
  }
}
