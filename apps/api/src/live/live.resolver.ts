import { Args, Context, Resolver, Subscription } from '@nestjs/graphql';
import { LiveFeed, type EntityChange } from '@crm/application';
import type { RequestContext } from '../auth/request-user';
import { READERS, Roles } from '../auth/roles.decorator';
import { FILTER } from '../graphql/argument-descriptions';
import { pipelineQueryOf } from '../pipeline/pipeline-query';
import { Pipeline, PipelineFilter } from '../pipeline/pipeline.types';
import { LIVE_CLOSE } from './close-codes';
import { EntityChangeFilter, EntityChangeNode, entityChangeNode } from './entity-change.types';
import { positionArgument } from './live-position';
import { PipelineChanges } from './pipeline-changes';

const AFTER =
  'Resume after this position (the last `position` received): first every matching change recorded since, from the log, then live ones, ' +
  'nothing missed and nothing twice. Omit it to receive only changes from now on.';

/** Subscriptions over graphql-ws at /graphql (see the README for a client): pushed from the log once the read models show each change. */
@Resolver()
export class LiveResolver {
  constructor(
    private readonly feed: LiveFeed,
    private readonly pipelines: PipelineChanges,
  ) {}

  @Subscription(() => EntityChangeNode, {
    description: 'Every event recorded on leads, accounts, contacts, opportunities and pipelines that matches the filter, in log order (rep, manager, auditor, analyst, admin).',
    resolve: (change: EntityChange) => entityChangeNode(change),
  })
  @Roles(...READERS)
  async entityChanged(
    @Context() request: RequestContext,
    @Args('filter', { type: () => EntityChangeFilter, nullable: true, description: FILTER }) filter?: EntityChangeFilter,
    @Args('after', { type: () => String, nullable: true, description: AFTER }) after?: string,
  ): Promise<AsyncIterable<EntityChange>> {
    const from = positionArgument(after);
    return this.feed.subscribe(
      { types: filter?.types ?? undefined, ids: filter?.ids?.map((id) => id.toLowerCase()) },
      {
        after: from,
        onOverflow: (queued) => request.live?.close(LIVE_CLOSE.TOO_SLOW, `Subscriber too slow: more than ${queued} changes waiting; reconnect and resume with after`),
      },
    );
  }

  @Subscription(() => Pipeline, {
    description: 'The pipeline now, then again whenever it changes, at most once a second (rep, manager, auditor, analyst, admin).',
    resolve: (pipeline: Pipeline) => pipeline,
  })
  @Roles(...READERS)
  pipelineChanged(
    @Context() request: RequestContext,
    @Args('filter', { type: () => PipelineFilter, nullable: true, description: FILTER }) filter?: PipelineFilter,
  ): Promise<AsyncIterableIterator<Pipeline>> {
    return this.pipelines.watch(request, pipelineQueryOf(filter));
  }
}
