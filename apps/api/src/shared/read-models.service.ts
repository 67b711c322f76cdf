import { Inject, Injectable } from '@nestjs/common';
import { READ_STORE } from '@crm/application';
import type { Doc, Filter, Page, Projector, ReadStore, SortKey } from '@crm/read-models';
import { toConnection, type ConnectionShape } from '../graphql/connection';
import type { Paging } from '../graphql/page-args';
import { PROJECTOR } from './projector.token';

export interface ListQuery extends Paging {
  filter: Filter;
  sort?: SortKey[];
}

/** A page per group of one read model: the contacts of each account, the children of each parent. */
export interface GroupQuery extends ListQuery {
  groupBy: string;
}

/**
 * Reads read models by their logical name; the projector's ReadModels resolves which versioned copy
 * serves it, so a rebuild's switch is picked up without a restart.
 */
@Injectable()
export class ReadModelsService {
  constructor(
    @Inject(READ_STORE) private readonly store: ReadStore,
    @Inject(PROJECTOR) private readonly projector: Projector,
  ) {}

  /** Documents come back typed as the GraphQL node they are stored for. */
  async get<T>(logical: string, id: string): Promise<T | null> {
    return (await this.store.get(await this.collection(logical), id)) as T | null;
  }

  async getMany<T>(logical: string, ids: readonly string[]): Promise<Map<string, T>> {
    return (await this.store.getMany(await this.collection(logical), ids)) as unknown as Map<string, T>;
  }

  async findAll<T extends Doc>(logical: string, filter: Filter): Promise<T[]> {
    const items: T[] = [];
    let after: string | null = null;
    do {
      const page: Page<T> = await this.store.find<T>(await this.collection(logical), { filter, first: 500, after });
      items.push(...page.items);
      after = page.hasNextPage ? page.endCursor : null;
    } while (after);
    return items;
  }

  async list<T extends Doc, N>(logical: string, query: ListQuery, toNode: (doc: T) => N): Promise<ConnectionShape<N>> {
    const { filter, sort, first, after, last, before } = query;
    const page = await this.store.find<T>(await this.collection(logical), { filter, sort, first, after, last, before });
    return toConnection(page, toNode);
  }

  /** One connection per group, in one store read whatever the number of groups (at most the store's `$in` limit). */
  async listGroups<T extends Doc, N>(logical: string, groups: readonly string[], query: GroupQuery, toNode: (doc: T) => N): Promise<Map<string, ConnectionShape<N>>> {
    const { filter, sort, groupBy, first, after, last, before } = query;
    const pages = await this.store.findGroups<T>(await this.collection(logical), { filter, sort, groupBy, groups, first, after, last, before });
    return new Map([...pages].map(([group, page]) => [group, toConnection(page, toNode)]));
  }

  private collection(logical: string): Promise<string> {
    return this.projector.readModels.collectionFor(logical);
  }
}
