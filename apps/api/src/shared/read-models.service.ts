import { Inject, Injectable } from '@nestjs/common';
import { READ_STORE } from '@crm/application';
import { DEFAULT_PAGE_SIZE, type Doc, type Filter, type Page, type Projector, type ReadStore, type ServingState, type SortKey } from '@crm/read-models';
import { toConnection, toConnectionPage, type ConnectionPage, type ConnectionShape } from '../graphql/connection';
import type { Paging } from '../graphql/page-args';
import { AnswerCache } from './answer-cache';
import { PROJECTOR } from './projector.token';

export interface ListQuery extends Paging {
  filter: Filter;
  sort?: SortKey[];
  /**
   * What may be kept until the read model changes (AnswerCache): 'count' when the filter names nothing a
   * person can be found by (no name searched, no email); 'page' when the documents hold nothing about a
   * person either (accounts, opportunities). Left out, both are read on every request.
   */
  keep?: 'count' | 'page';
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
    private readonly answers: AnswerCache,
  ) {}

  /** Documents come back typed as the GraphQL node they are stored for. */
  async get<T>(logical: string, id: string): Promise<T | null> {
    return (await this.store.get(await this.collection(logical), id)) as T | null;
  }

  async getMany<T>(logical: string, ids: readonly string[]): Promise<Map<string, T>> {
    return (await this.store.getMany(await this.collection(logical), ids)) as unknown as Map<string, T>;
  }

  async findAll<T extends Doc>(logical: string, filter: Filter): Promise<T[]> {
    return this.findAllIn<T>(await this.collection(logical), filter);
  }

  /**
   * A page of documents. `totalCount` is a getter, which the field's resolver reads only when the field
   * is selected: counting reads every matching index entry, so a page that does not show the count does
   * not pay for it. What `query.keep` allows is kept until the read model changes.
   */
  async list<T extends Doc, N>(logical: string, query: ListQuery, toNode: (doc: T) => N): Promise<ConnectionShape<N>> {
    const serving = await this.serving(logical, query.keep !== undefined);
    const { collection } = serving;
    // Without a version the AnswerCache computes every time and keeps nothing.
    const pageServing = query.keep === 'page' ? serving : { collection, version: null };
    // Everything that shapes the page: the filter (with any search), the order (relevance included)
    // and both ends of the paging; the count depends on the filter alone.
    const { filter, sort, first, after, last, before } = query;
    const pageKey = `page ${JSON.stringify([filter, sort ?? null, first ?? null, after ?? null, last ?? null, before ?? null])}`;
    const pageWeight = (first ?? last ?? DEFAULT_PAGE_SIZE) + 1;
    const page = await this.answers.answer(logical, pageServing, pageKey, () => this.readPage(collection, query, toNode), pageWeight);
    const count = () => this.answers.answer(logical, serving, `count ${JSON.stringify(filter)}`, () => this.store.count(collection, filter));
    return {
      ...page,
      get totalCount() {
        return count();
      },
    };
  }

  /**
   * An answer computed from one read model, kept until that read model changes (AnswerCache). `key`
   * must say everything the answer depends on besides the documents, and must name no person; the
   * answer is shared between requests, so nobody may change it.
   */
  async answer<T>(logical: string, key: string, compute: (collection: string) => Promise<T>): Promise<T> {
    const serving = await this.projector.readModels.servingState(logical);
    return this.answers.answer(logical, serving, key, () => compute(serving.collection));
  }

  async findAllIn<T extends Doc>(collection: string, filter: Filter): Promise<T[]> {
    const items: T[] = [];
    let after: string | null = null;
    do {
      const page: Page<T> = await this.store.find<T>(collection, { filter, first: 500, after, totalCount: false });
      items.push(...page.items);
      after = page.hasNextPage ? page.endCursor : null;
    } while (after);
    return items;
  }

  /** One connection per group, in one store read whatever the number of groups (at most the store's `$in` limit). */
  async listGroups<T extends Doc, N>(logical: string, groups: readonly string[], query: GroupQuery, toNode: (doc: T) => N): Promise<Map<string, ConnectionShape<N>>> {
    const { filter, sort, groupBy, first, after, last, before } = query;
    const pages = await this.store.findGroups<T>(await this.collection(logical), { filter, sort, groupBy, groups, first, after, last, before });
    return new Map([...pages].map(([group, page]) => [group, toConnection(page, toNode)]));
  }

  /** The page without its count; edges carry the store's cursors (`page.cursors`), pageInfo both flags. */
  private async readPage<T extends Doc, N>(collection: string, query: ListQuery, toNode: (doc: T) => N): Promise<ConnectionPage<N>> {
    const { filter, sort, first, after, last, before } = query;
    const page = await this.store.find<T>(collection, { filter, sort, first, after, last, before, totalCount: false });
    return toConnectionPage(page, toNode);
  }

  /** The serving copy, with its content token only when something may be kept (one store read). */
  private async serving(logical: string, keeping: boolean): Promise<ServingState> {
    return keeping ? this.projector.readModels.servingState(logical) : { collection: await this.collection(logical), version: null };
  }

  private collection(logical: string): Promise<string> {
    return this.projector.readModels.collectionFor(logical);
  }
}
