import { Args, Context, ID, Query, Resolver } from '@nestjs/graphql';
import type { RequestContext } from '../auth/request-user';
import { READERS, Roles } from '../auth/roles.decorator';
import { AS_OF, ENTITY_ID, rolesNote } from '../graphql/argument-descriptions';
import { pagingOf } from '../graphql/page-args';
import { EntityReader } from '../shared/entity-reader';
import { ReadModelsService } from '../shared/read-models.service';
import { leadFilter, leadSort } from './lead.filters';
import { LeadConnection, LeadListArgs, LeadNode } from './lead.types';

@Resolver(() => LeadNode)
@Roles(...READERS)
export class LeadResolver {
  constructor(
    private readonly readModels: ReadModelsService,
    private readonly entities: EntityReader,
  ) {}

  @Query(() => LeadNode, {
    nullable: true,
    description: `One lead by id; null if there is none. ${rolesNote(READERS)} With asOf (auditor, admin): the lead as it stood then, and what it was converted into as of then.`,
  })
  async lead(
    @Args('id', { type: () => ID, description: ENTITY_ID }) id: string,
    @Context() request: RequestContext,
    @Args('asOf', { type: () => Date, nullable: true, description: AS_OF }) asOf?: Date,
  ): Promise<LeadNode | null> {
    return this.entities.find({ stream: 'LEAD', id }, asOf, request);
  }

  @Query(() => LeadConnection, { description: `Leads, newest capture first unless orderBy says otherwise, or best match first when searched. ${rolesNote(READERS)}` })
  async leads(@Args() args: LeadListArgs): Promise<LeadConnection> {
    const { filter, orderBy, ...page } = args;
    // Leads are people: their pages are never kept, and neither is the count of a search for one.
    const query = { filter: leadFilter(filter), sort: leadSort(orderBy, filter), ...pagingOf(page), keep: filter?.search ? undefined : ('count' as const) };
    return this.readModels.list('leads', query, (doc) => doc as unknown as LeadNode);
  }
}
