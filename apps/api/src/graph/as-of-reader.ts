import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, ReadModelsAsOf } from '@crm/application';
import type { StreamType } from '@crm/domain';
import type { EventStore } from '@crm/event-store';
import { MEMBERSHIPS, accountFiguresAt, type Doc, type MemberKind, type MembershipDoc } from '@crm/read-models';
import type { RequestContext } from '../auth/request-user';
import type { ConnectionShape } from '../graphql/connection';
import type { Paging } from '../graphql/page-args';
import { ProjectionCatchUp } from '../shared/projection-catch-up';
import { ReadModelsService } from '../shared/read-models.service';
import { connectionsByGroup } from './request-loaders';

/** Members in the order they joined the account: the only order known as of any instant without replaying them all. */
export const MEMBER_ORDER = [{ field: 'joinedAt', direction: 'asc' as const }];

/** A node read as of an instant carries it, so its links and nested connections are read as of the same instant. */
export type AsOfNode = { id: string; asOf: Date; [field: string]: unknown };

/**
 * Entities as they stood at an instant: their own fields replayed from their streams by their read
 * model's projection, an account's figures counted from the memberships that held then, and the
 * members an account had then found in the memberships read model, never in today's lists.
 */
@Injectable()
export class AsOfReader {
  constructor(
    private readonly readModels: ReadModelsService,
    private readonly replays: ReadModelsAsOf,
    private readonly catchUp: ProjectionCatchUp,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  async node(type: StreamType, id: string, asOf: Date, request: RequestContext): Promise<AsOfNode | null> {
    const doc = await this.replay(type, id, asOf);
    if (doc === null) return null;
    if (type !== 'ACCOUNT') return { ...doc, asOf };
    await this.membershipsCaughtUp(request);
    const at = asOf.toISOString();
    const periods = await this.readModels.findAll<MembershipDoc>(MEMBERSHIPS, { accountId: id, from: { $lte: at }, until: { $gt: at } });
    return { ...doc, ...accountFiguresAt(id, periods), asOf };
  }

  /** The members of one kind each account had at `asOf`, a page per account. */
  async members(request: RequestContext, kind: MemberKind, accountId: string, asOf: Date, page: Paging): Promise<ConnectionShape<MembershipDoc>> {
    await this.membershipsCaughtUp(request);
    const at = asOf.toISOString();
    const query = { groupBy: 'accountId', filter: { kind, from: { $lte: at }, until: { $gt: at } }, sort: MEMBER_ORDER, ...page };
    return connectionsByGroup<MembershipDoc, MembershipDoc>(request, this.readModels, MEMBERSHIPS, query, (doc) => doc).load(accountId);
  }

  private replay(type: StreamType, id: string, asOf: Date): Promise<Doc | null> {
    switch (type) {
      case 'LEAD':
        return this.replays.lead(id, asOf);
      case 'ACCOUNT':
        return this.replays.account(id, asOf);
      case 'CONTACT':
        return this.replays.contact(id, asOf);
      case 'OPPORTUNITY':
        return this.replays.opportunity(id, asOf);
    }
  }

  /**
   * A back-dated event recorded a moment ago may change any past instant: the memberships are
   * brought up to the log's head first (bounded wait), once per request.
   */
  private membershipsCaughtUp(request: RequestContext): Promise<unknown> {
    const key = 'asOf:membershipsCaughtUp';
    let ready = request.loaders.get(key) as Promise<unknown> | undefined;
    if (ready === undefined) {
      ready = this.events.headPosition().then((head) => this.catchUp.waitFor(head, ['memberships']));
      request.loaders.set(key, ready);
    }
    return ready;
  }
}
