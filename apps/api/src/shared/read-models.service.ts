import { Inject, Injectable } from '@nestjs/common';
import { READ_STORE } from '@crm/application';
import type { Doc, Filter, Page, Projector, ReadStore, SortKey } from '@crm/read-models';
import type { ConnectionShape } from '../graphql/connection';
import { PROJECTOR } from './projector.token';

export interface ListQuery {
  filter: Filter;
  sort?: SortKey[];
  first?: number | null;
  after?: string | null;
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
    const page = await this.store.find<T>(await this.collection(logical), {
      filter: query.filter, sort: query.sort, first: query.first ?? undefined, after: query.after,
    });
    return {
      edges: page.items.map((doc, i) => ({ cursor: page.cursors[i], node: toNode(doc) })),
      pageInfo: { hasNextPage: page.hasNextPage, hasPreviousPage: false, startCursor: page.startCursor, endCursor: page.endCursor },
      totalCount: page.totalCount,
    };
  }

  private collection(logical: string): Promise<string> {
    return this.projector.readModels.collectionFor(logical);
  }
}
