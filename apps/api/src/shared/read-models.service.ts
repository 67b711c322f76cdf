import { Inject, Injectable } from '@nestjs/common';
import { READ_STORE } from '@crm/application';
import { cursorsFor, DEFAULT_PAGE_SIZE, type Doc, type Filter, type Page, type Projector, type ReadStore, type ServingState, type SortKey } from '@crm/read-models';
import type { ConnectionShape } from '../graphql/connection';
import { AnswerCache } from './answer-cache';
import { PROJECTOR } from './projector.token';

export interface ListQuery {
  filter: Filter;
  sort?: SortKey[];
  first?: number | null;
  after?: string | null;
  /**
   * What may be kept until the read model changes (AnswerCache): 'count' when the filter names nothing a
   * person can be found by (no name searched, no email); 'page' when the documents hold nothing about a
   * person either (accounts, opportunities). Left out, both are read on every request.
   */
  keep?: 'count' | 'page';
}

type PageShape<N> = Omit<ConnectionShape<N>, 'totalCount'>;

/** An edge whose cursor is encoded when first read: a page whose query selects no cursor encodes none. */
const lazyEdge = <N>(node: N, encode: () => string): { node: N; cursor: string } => {
  let cursor: string | undefined;
  return {
    node,
    get cursor() {
      return (cursor ??= encode());
    },
  };
};

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
    const pageKey = `page ${JSON.stringify([query.filter, query.sort, query.first, query.after])}`;
    const pageWeight = (query.first ?? DEFAULT_PAGE_SIZE) + 1;
    const page = await this.answers.answer(logical, pageServing, pageKey, () => this.readPage(collection, query, toNode), pageWeight);
    const count = () => this.answers.answer(logical, serving, `count ${JSON.stringify(query.filter)}`, () => this.store.count(collection, query.filter));
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

  private async readPage<T extends Doc, N>(collection: string, query: ListQuery, toNode: (doc: T) => N): Promise<PageShape<N>> {
    const page = await this.store.find<T>(collection, {
      filter: query.filter, sort: query.sort, first: query.first ?? undefined, after: query.after, totalCount: false,
    });
    const cursorOf = cursorsFor(query.sort);
    return {
      edges: page.items.map((doc) => lazyEdge(toNode(doc), () => cursorOf(doc))),
      pageInfo: { hasNextPage: page.hasNextPage, hasPreviousPage: false, startCursor: page.startCursor, endCursor: page.endCursor },
    };
  }

  /** The serving copy, with its content token only when something may be kept (one store read). */
  private async serving(logical: string, keeping: boolean): Promise<ServingState> {
    return keeping ? this.projector.readModels.servingState(logical) : { collection: await this.collection(logical), version: null };
  }

  private collection(logical: string): Promise<string> {
    return this.projector.readModels.collectionFor(logical);
  }
}
