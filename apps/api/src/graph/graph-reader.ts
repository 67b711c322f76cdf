import { Injectable } from '@nestjs/common';
import type { StreamType } from '@crm/domain';
import type { Doc, SortKey } from '@crm/read-models';
import type { RequestContext } from '../auth/request-user';
import type { ConnectionShape } from '../graphql/connection';
import type { Paging } from '../graphql/page-args';
import { ReadModelsService } from '../shared/read-models.service';
import { AsOfReader, type AccountMember } from './as-of-reader';
import { connectionsByGroup, docsById } from './request-loaders';

const READ_MODEL: { readonly [T in StreamType]: string } = { LEAD: 'leads', ACCOUNT: 'accounts', CONTACT: 'contacts', OPPORTUNITY: 'opportunities', PIPELINE: 'pipeline_definitions' };

/** Where an account's members are listed today, and in which order. */
const LIVE_MEMBERS: { readonly [K in AccountMember]: { logical: string; groupBy: string; sort: SortKey[] } } = {
  CONTACT: { logical: 'contacts', groupBy: 'accountId', sort: [{ field: 'lastName', direction: 'asc' }] },
  OPPORTUNITY: { logical: 'opportunities', groupBy: 'accountId', sort: [{ field: 'expectedCloseDate', direction: 'asc' }] },
  CHILD: { logical: 'accounts', groupBy: 'parentAccountId', sort: [{ field: 'name', direction: 'asc' }] },
};

/**
 * The object graph's one way to follow a link: today from the read models, batched per request so a
 * page of N nodes costs the same few store reads as a page of one; as of an instant (the node it is
 * followed from carries it) from the entity's streams and the memberships read model.
 */
@Injectable()
export class GraphReader {
  constructor(
    private readonly readModels: ReadModelsService,
    private readonly asOfReader: AsOfReader,
  ) {}

  node<N>(request: RequestContext, type: StreamType, id: string | null | undefined, asOf?: Date | null): Promise<N | null> {
    if (id === null || id === undefined) return Promise.resolve(null);
    if (asOf) return this.asOfReader.node(request, type, id, asOf) as Promise<N | null>;
    return docsById<Doc>(request, this.readModels, READ_MODEL[type]).load(id) as Promise<N | null>;
  }

  members<N>(request: RequestContext, kind: AccountMember, accountId: string, asOf: Date | null | undefined, page: Paging): Promise<ConnectionShape<N>> {
    if (asOf) return this.asOfReader.members(request, kind, accountId, asOf, page) as Promise<ConnectionShape<N>>;
    const { logical, groupBy, sort } = LIVE_MEMBERS[kind];
    return connectionsByGroup<Doc, N>(request, this.readModels, logical, { groupBy, filter: {}, sort, ...page }, (doc) => doc as unknown as N).load(accountId);
  }
}
