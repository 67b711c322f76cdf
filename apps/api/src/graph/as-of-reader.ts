import { Inject, Injectable } from '@nestjs/common';
import { EVENT_STORE, ReadModelsAsOf } from '@crm/application';
import type { StreamType } from '@crm/domain';
import type { EventStore } from '@crm/event-store';
import { MEMBERSHIPS, accountFiguresAt, type AccountFigures, type Doc, type Filter, type MembershipDoc, type OpportunityDoc, type SortKey } from '@crm/read-models';
import type { RequestContext } from '../auth/request-user';
import type { ConnectionShape } from '../graphql/connection';
import type { Paging } from '../graphql/page-args';
import { ProjectionCatchUp } from '../shared/projection-catch-up';
import { ReadModelsService } from '../shared/read-models.service';
import { connectionsByGroup, oncePerRequest } from './request-loaders';

/** What an account's nested lists hold. */
export type AccountMember = 'CONTACT' | 'OPPORTUNITY' | 'CHILD';

/** A node read as of an instant carries it, so its links and nested connections are read as of the same instant. */
export type AsOfNode = { id: string; asOf: Date; [field: string]: unknown };

/**
 * Where an account's members at an instant are found, and in which order: contacts and children in
 * the memberships read model (they move), in the order they joined; opportunities, which never change
 * account, in the opportunities read model among those opened there by then, in the order opened.
 * Those are the only orders known as of any instant without replaying every member.
 */
const MEMBERS_AT: { readonly [K in AccountMember]: (at: string) => { logical: string; filter: Filter; sort: SortKey[]; type: StreamType; idOf: (doc: Doc) => string } } = {
  CONTACT: (at) => ({ logical: MEMBERSHIPS, filter: periodAt('CONTACT', at), sort: [{ field: 'joinedAt', direction: 'asc' }], type: 'CONTACT', idOf: (doc) => String(doc.memberId) }),
  CHILD: (at) => ({ logical: MEMBERSHIPS, filter: periodAt('CHILD', at), sort: [{ field: 'joinedAt', direction: 'asc' }], type: 'ACCOUNT', idOf: (doc) => String(doc.memberId) }),
  OPPORTUNITY: (at) => ({ logical: 'opportunities', filter: { createdAt: { $lte: at } }, sort: [{ field: 'createdAt', direction: 'asc' }], type: 'OPPORTUNITY', idOf: (doc) => doc.id }),
};

function periodAt(kind: 'CONTACT' | 'CHILD', at: string): Filter {
  return { kind, from: { $lte: at }, until: { $gt: at } };
}

/**
 * Entities as they stood at an instant: their own fields replayed from their streams by their read
 * model's projection, an account's figures counted from the contacts and opportunities it had then,
 * and its members found as they were then, never in today's lists. Each replay is done once per request.
 */
@Injectable()
export class AsOfReader {
  constructor(
    private readonly readModels: ReadModelsService,
    private readonly replays: ReadModelsAsOf,
    private readonly catchUp: ProjectionCatchUp,
    @Inject(EVENT_STORE) private readonly events: EventStore,
  ) {}

  node(request: RequestContext, type: StreamType, id: string, asOf: Date): Promise<AsOfNode | null> {
    return oncePerRequest(request, `asOf:${type}:${asOf.toISOString()}`, (key) => this.replayed(request, type, key, asOf)).load(id);
  }

  /** The members of one kind an account had at `asOf`, as they were then, a page per account. */
  async members(request: RequestContext, kind: AccountMember, accountId: string, asOf: Date, page: Paging): Promise<ConnectionShape<AsOfNode>> {
    await this.caughtUp(request);
    const { logical, filter, sort, type, idOf } = MEMBERS_AT[kind](asOf.toISOString());
    const members = await connectionsByGroup(request, this.readModels, logical, { groupBy: 'accountId', filter, sort, ...page }, idOf).load(accountId);
    const nodes = await Promise.all(members.edges.map(({ node: id }) => this.node(request, type, id, asOf)));
    // A member whose own stream has nothing up to the instant (a back-dated event) is no node then.
    const edges = members.edges.flatMap(({ cursor }, i) => (nodes[i] === null ? [] : [{ cursor, node: nodes[i] as AsOfNode }]));
    return { ...members, edges };
  }

  private async replayed(request: RequestContext, type: StreamType, id: string, asOf: Date): Promise<AsOfNode | null> {
    const doc = await this.replay(type, id, asOf);
    if (doc === null) return null;
    return type === 'ACCOUNT' ? { ...doc, ...(await this.figures(request, id, asOf)), asOf } : { ...doc, asOf };
  }

  private async figures(request: RequestContext, accountId: string, asOf: Date): Promise<AccountFigures> {
    await this.caughtUp(request);
    const at = asOf.toISOString();
    const [contacts, opened] = await Promise.all([
      this.readModels.findAll<MembershipDoc>(MEMBERSHIPS, { accountId, ...periodAt('CONTACT', at) }),
      this.readModels.findAll<Doc>('opportunities', { accountId, createdAt: { $lte: at } }),
    ]);
    const opportunities = await Promise.all(opened.map((opportunity) => this.node(request, 'OPPORTUNITY', opportunity.id, asOf)));
    return accountFiguresAt(accountId, contacts, opportunities.filter((node) => node !== null) as unknown as OpportunityDoc[]);
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
      case 'PIPELINE':
        // A pipeline is no node of the object graph: nothing links to one as of an instant.
        return Promise.resolve(null);
    }
  }

  /**
   * A back-dated event recorded a moment ago may change any past instant: the read models that find
   * an account's members are brought up to the log's head first (bounded wait), once per request.
   */
  private caughtUp(request: RequestContext): Promise<unknown> {
    const key = 'asOf:caughtUp';
    let ready = request.loaders.get(key) as Promise<unknown> | undefined;
    if (ready === undefined) {
      ready = this.events.headPosition().then((head) => this.catchUp.waitFor(head, ['memberships', 'opportunities']));
      request.loaders.set(key, ready);
    }
    return ready;
  }
}
