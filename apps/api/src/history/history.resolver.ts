import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { HistoryService } from '@crm/application';
import { Roles } from '../auth/roles.decorator';
import { HistoryConnection, StreamRefInput } from './history.types';

/** The auditor's view: what was recorded, read from the event store itself. */
@Resolver()
@Roles('auditor')
export class HistoryResolver {
  constructor(private readonly entries: HistoryService) {}

  @Query(() => HistoryConnection)
  async history(
    @Args('stream') stream: StreamRefInput,
    @Args('first', { type: () => Int, defaultValue: 100 }) first: number,
    @Args('after', { type: () => String, nullable: true }) after?: string,
  ): Promise<HistoryConnection> {
    return (await this.entries.page(stream.type, stream.id, first, after)) as unknown as HistoryConnection;
  }
}
