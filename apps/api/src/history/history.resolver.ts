import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { HistoryService } from '@crm/application';
import { Roles } from '../auth/roles.decorator';
import { rolesNote } from '../graphql/argument-descriptions';
import { HistoryConnection, StreamRefInput } from './history.types';

/** The auditor's view: what was recorded, read from the event store itself. */
@Resolver()
@Roles('auditor')
export class HistoryResolver {
  constructor(private readonly entries: HistoryService) {}

  @Query(() => HistoryConnection, { description: `Every event of one entity, oldest first, read from the event store itself; an entity that does not exist has none. ${rolesNote(['auditor'])}` })
  async history(
    @Args('stream', { description: 'Whose history: the entity\'s kind and id.' }) stream: StreamRefInput,
    @Args('first', { type: () => Int, defaultValue: 100, description: 'How many events to return: an integer from 0 to 1000, 100 when omitted. Anything else is BAD_USER_INPUT (field `first`).' }) first: number,
    @Args('after', { type: () => String, nullable: true, description: 'Continue after this cursor: an `endCursor` (or edge `cursor`) of an earlier page of a history. Anything else is BAD_USER_INPUT (field `after`).' }) after?: string,
  ): Promise<HistoryConnection> {
    return (await this.entries.page(stream.type, stream.id, first, after)) as unknown as HistoryConnection;
  }
}
