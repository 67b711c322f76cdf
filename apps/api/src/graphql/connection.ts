import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { Type } from '@nestjs/common';
import type { Doc, Page } from '@crm/read-models';
import { ANY_ROLE, Roles } from '../auth/roles.decorator';

@ObjectType({ description: 'Where a page stands in its list (Relay): whether more follows, and the cursors to continue from.' })
@Roles(...ANY_ROLE)
export class PageInfo {
  @Field({
    description: 'Paging forwards (first): whether items come after this page. Paging backwards with `before`: whether any item lies at or after that cursor.',
  })
  hasNextPage!: boolean;

  @Field({
    description: 'Paging backwards (last): whether items come before this page. Paging forwards with `after`: whether any item lies at or before that cursor.',
  })
  hasPreviousPage!: boolean;

  @Field(() => String, { nullable: true, description: 'Cursor of the first item of the page, to pass as `before` for the page before it; null when the page is empty.' })
  startCursor!: string | null;

  @Field(() => String, { nullable: true, description: 'Cursor of the last item of the page, to pass as `after` for the next page; null when the page is empty.' })
  endCursor!: string | null;
}

export interface ConnectionShape<T> {
  edges: Array<{ cursor: string; node: T }>;
  pageInfo: PageInfo;
  /** A promise from a getter is made only when the field is selected (the field resolver reads the property then). */
  totalCount: number | Promise<number>;
}

/**
 * A Relay connection type per node type: `edges { cursor node }`, `pageInfo`, `totalCount`. Every
 * connection explains itself in the same words, named after its node type.
 */
export const Connection = <T>(node: Type<T>, name: string): Type<ConnectionShape<T>> => {
  @ObjectType(`${name}Edge`, { description: `One ${name} of a page, with its cursor.` })
  @Roles(...ANY_ROLE)
  class Edge {
    @Field({ description: `Opaque cursor of this ${name}: pass it as \`after\` to continue the list right after it, or as \`before\` for the items right before it.` })
    cursor!: string;

    @Field(() => node, { description: `The ${name} itself.` })
    node!: T;
  }

  // Inherited by the `class LeadConnection extends Connection(...)` that names it in each module. The
  // role rule is on each field rather than the class: a type's own rule is not inherited, its fields are.
  @ObjectType(`${name}Connection`, { description: `One page of ${name} items (Relay connection), in the order asked for.`, inheritDescription: true })
  class ConnectionType {
    @Roles(...ANY_ROLE)
    @Field(() => [Edge], { description: `The ${name} items of this page, each with its cursor; empty past the end.` })
    edges!: Edge[];

    @Roles(...ANY_ROLE)
    @Field(() => PageInfo, { description: 'Whether more items follow, and the cursors to continue from.' })
    pageInfo!: PageInfo;

    @Roles(...ANY_ROLE)
    @Field(() => Int, { description: 'How many items the whole list holds (every page, filter applied), not only this page.' })
    totalCount!: number;
  }
  return ConnectionType;
};

/** A connection without its count, which a caller may compute only when selected (ReadModelsService.list). */
export type ConnectionPage<T> = Omit<ConnectionShape<T>, 'totalCount'>;

/**
 * A read-store page's edges and pageInfo; each edge's cursor is the store's, what `after` and `before`
 * accept (a relevance order's cursor holds the item's score, which the document does not).
 */
export const toConnectionPage = <T extends Doc, N>(page: Page<T>, toNode: (doc: T) => N): ConnectionPage<N> => ({
  edges: page.items.map((doc, i) => ({ cursor: page.cursors[i], node: toNode(doc) })),
  pageInfo: { hasNextPage: page.hasNextPage, hasPreviousPage: page.hasPreviousPage, startCursor: page.startCursor, endCursor: page.endCursor },
});

/** A counted read-store page (found without `totalCount: false`) as a connection. */
export const toConnection = <T extends Doc, N>(page: Page<T>, toNode: (doc: T) => N): ConnectionShape<N> => {
  if (page.totalCount === null) throw new Error('toConnection needs a counted page: it was found with totalCount: false');
  return { ...toConnectionPage(page, toNode), totalCount: page.totalCount };
};
