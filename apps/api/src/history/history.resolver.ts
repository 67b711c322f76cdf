import { Args, Int, Query, Resolver } from '@nestjs/graphql';
import { HistoryService } from '@crm/application';
import { Roles } from '../auth/roles.decorator';
import { rolesNote } from '../graphql/argument-descriptions';
import { pagingOf } from '../graphql/page-args';
import { HistoryConnection, StreamRefInput } from './history.types';

/** A history's own page sizes (up to 1000 events, 100 by default), unlike a read-model list's. */
const FIRST =
  'Page forwards: how many events to return from the oldest, or right after `after`: an integer from 0 to 1000, 100 when neither `first` nor `last` is given. ' +
  'Anything else is BAD_USER_INPUT (field `first`); so is `first` together with `last` (fields `first` and `last`).';
const LAST =
  'Page backwards: how many of the newest events, or of those right before `before`, to return, oldest first: an integer from 0 to 1000. ' +
  'Anything else is BAD_USER_INPUT (field `last`); so is `last` together with `first` (fields `first` and `last`).';
const AFTER = 'Continue after this cursor: an `endCursor` (or edge `cursor`) of an earlier page of a history. Anything else is BAD_USER_INPUT (field `after`).';
const BEFORE = 'Continue before this cursor: a `startCursor` (or edge `cursor`) of an earlier page of a history. Anything else is BAD_USER_INPUT (field `before`).';

/** The auditor's view: what was recorded, read from the event store itself. */
@Resolver()
@Roles('auditor')
export class HistoryResolver {
  constructor(private readonly entries: HistoryService) {}

  @Query(() => HistoryConnection, {
    description:
      'Every event of one entity in revision order (oldest first), read from the event store itself; an entity that does not exist has none. ' +
      `Page with first/after from the oldest, or last/before from the newest. ${rolesNote(['auditor'])}`,
  })
  async history(
    @Args('stream', { description: 'Whose history: the entity\'s kind and id.' }) stream: StreamRefInput,
    @Args('first', { type: () => Int, nullable: true, description: FIRST }) first?: number,
    @Args('after', { type: () => String, nullable: true, description: AFTER }) after?: string,
    @Args('last', { type: () => Int, nullable: true, description: LAST }) last?: number,
    @Args('before', { type: () => String, nullable: true, description: BEFORE }) before?: string,
  ): Promise<HistoryConnection> {
    return (await this.entries.page(stream.type, stream.id, pagingOf({ first, after, last, before }))) as unknown as HistoryConnection;
  }
}
