import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { HistoryService } from '@crm/application';
import { Roles } from '../auth/roles.decorator';
import { pagingOf } from '../graphql/page-args';
import { HistoryConnection, StreamRefInput } from './history.types';

/** The auditor's view: what was recorded, read from the event store itself. */
@Resolver()
@Roles('auditor')
export class HistoryResolver {
  constructor(private readonly entries: HistoryService) {}

  @Query(() => HistoryConnection, { description: 'Events of one stream in revision order; first/after from the oldest, last/before from the newest.' })
  async history(
    @Args('stream') stream: StreamRefInput,
    @Args('first', { type: () => Int, nullable: true, description: 'At most 1000; 100 when neither first nor last is given.' }) first?: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
    @Args('last', { type: () => Int, nullable: true, description: 'At most 1000: the newest events (before `before`). Not together with first.' }) last?: number,
    @Args('before', { type: () => String, nullable: true }) before?: string,
  ): Promise<HistoryConnection> {
    return (await this.entries.page(stream.type, stream.id, pagingOf({ first, after, last, before }))) as unknown as HistoryConnection;
  }
}
