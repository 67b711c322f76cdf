import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { Type } from '@nestjs/common';
import { cursorOf, type Doc, type Page, type SortKey } from '@crm/read-models';

@ObjectType()
export class PageInfo {
  @Field({
    description: 'Paging forwards (first): whether items come after this page. Paging backwards with `before`: whether any item lies at or after that cursor.',
  })
  hasNextPage!: boolean;

  @Field({
    description: 'Paging backwards (last): whether items come before this page. Paging forwards with `after`: whether any item lies at or before that cursor.',
  })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true })
  startCursor!: string | null;

  @Field(() => String, { nullable: true })
  endCursor!: string | null;
}

export interface ConnectionShape<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: PageInfo;
  totalCount: number;
}

/** A Relay connection type per node type: `edges { cursor node }`, `pageInfo`, `totalCount`. */
export const Connection = <T>(node: Type<T>, name: string): Type<ConnectionShape<T>> => {
  @ObjectType(`${name}Edge`)
  class Edge {
    @Field()
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Field(() => [Edge])
    edges!: Edge[];

    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Field(() => Int)
    totalCount!: number;
  }
  return ConnectionType;
};

/** A read-store page as a connection; each edge's cursor is what `after` and `before` accept. */
export const toConnection = <T extends Doc, N>(page: Page<T>, sort: SortKey[] | undefined, toNode: (doc: T) => N): ConnectionShape<N> => ({
  edges: page.items.map((doc) => ({ cursor: cursorOf(doc, sort), node: toNode(doc) })),
  pageInfo: { hasNextPage: page.hasNextPage, hasPreviousPage: page.hasPreviousPage, startCursor: page.startCursor, endCursor: page.endCursor },
  totalCount: page.totalCount,
});
