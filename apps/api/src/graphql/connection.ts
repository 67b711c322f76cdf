import { Field, Int, ObjectType } from '@nestjs/graphql';
import type { Type } from '@nestjs/common';
import { ANY_ROLE, Roles } from '../auth/roles.decorator';

@ObjectType()
@Roles(...ANY_ROLE)
export class PageInfo {
  @Field()
  hasNextPage!: boolean;

  /** Keyset pagination runs forwards only; kept for Relay clients that read it. */
  @Field()
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
  @Roles(...ANY_ROLE)
  class Edge {
    @Field()
    cursor!: string;

    @Field(() => node)
    node!: T;
  }

  // On each field rather than the class: a connection type subclasses this one, and a type's own rule
  // is not inherited, its fields are.
  @ObjectType(`${name}Connection`)
  class ConnectionType {
    @Roles(...ANY_ROLE)
    @Field(() => [Edge])
    edges!: Edge[];

    @Roles(...ANY_ROLE)
    @Field(() => PageInfo)
    pageInfo!: PageInfo;

    @Roles(...ANY_ROLE)
    @Field(() => Int)
    totalCount!: number;
  }
  return ConnectionType;
};
