import { Field, Int, ObjectType } from '@nestjs/graphql';
import { READERS, Roles } from '../auth/roles.decorator';
import { PageInfo } from '../graphql/connection';
import { Money } from '../graphql/money.type';
import { OpportunityNode } from '../opportunities/opportunity.types';
import { PipelineDefinitionNode } from '../pipelines/pipeline-definition.types';

@ObjectType({ description: 'One opportunity behind a movement bucket, with what it adds to the bucket.' })
@Roles(...READERS)
export class MovementOpportunityEdge {
  @Field({ description: 'Opaque cursor of this entry: pass it as `after` to continue right after it.' }) cursor!: string;
  @Field(() => Money, {
    description: "What this opportunity adds to the bucket: its amount then (start, pushedOut, won, lost), its amount at `to` (created, pulledIn, end), or how much it grew or shrank (increased, decreased).",
  })
  amount!: Money;
  @Field(() => OpportunityNode, { nullable: true, description: 'The opportunity as it is now; null only when it cannot be read (its read model lags behind).' })
  node!: OpportunityNode | null;
}

@ObjectType({ description: "A page of a movement bucket's opportunities, by opportunity id." })
@Roles(...READERS)
export class MovementOpportunityConnection {
  @Field(() => [MovementOpportunityEdge], { description: 'The opportunities of this page; empty past the end.' }) edges!: MovementOpportunityEdge[];
  @Field(() => PageInfo, { description: 'Whether more follow, and the cursors to continue from.' }) pageInfo!: PageInfo;
  @Field(() => Int, { description: 'How many opportunities the bucket holds (its count).' }) totalCount!: number;
}

/** What a bucket resolves from: its figures and the entries its connection pages through. */
export type MovementBucketSource = { count: number; amount: Money; entries: ReadonlyArray<{ opportunityId: string; amountMinor: bigint }> };

@ObjectType({ description: 'One part of a movement, in one currency: how many opportunities, how much, and which.' })
@Roles(...READERS)
export class MovementBucket {
  @Field(() => Int, { description: 'How many opportunities are in this bucket.' }) count!: number;
  @Field(() => Money, { description: 'Their sum, exact, never negative: decreases, push-outs, wins and losses are taken away in the balance.' }) amount!: Money;
}

const BUCKETS = {
  start: 'Open and in the pipeline (filter applied) at `from`: its amount then.',
  created: 'Opened after `from` and in the pipeline at `to`: its amount at `to`.',
  pulledIn: 'Existing at `from` but not in the pipeline then (closed, or its close date or owner outside the filter), in it at `to`: its amount at `to`.',
  increased: 'In the pipeline at both instants with a larger amount at `to`: the increase.',
  decreased: 'In the pipeline at both instants with a smaller amount at `to`: the decrease.',
  pushedOut: 'In the pipeline at `from`, not at `to` and not closed then (its close date moved outside the filter, another owner or pipeline): its amount at `from`.',
  won: 'In the pipeline at `from` and won at `to`: its amount at `from`.',
  lost: 'In the pipeline at `from` and lost at `to`: its amount at `from`.',
  end: 'Open and in the pipeline at `to`: its amount then.',
} as const;

export type MovementBucketName = keyof typeof BUCKETS;
export const MOVEMENT_BUCKETS = Object.keys(BUCKETS) as MovementBucketName[];

@ObjectType({
  description: 'What moved the pipeline between two instants, in one currency. Exactly: start + created + pulledIn + increased - decreased - pushedOut - won - lost = end.',
})
@Roles(...READERS)
export class CurrencyMovement {
  @Field({ description: 'ISO 4217 code of every amount here.' }) currency!: string;
  @Field(() => MovementBucket, { description: BUCKETS.start }) start!: MovementBucketSource;
  @Field(() => MovementBucket, { description: BUCKETS.created }) created!: MovementBucketSource;
  @Field(() => MovementBucket, { description: BUCKETS.pulledIn }) pulledIn!: MovementBucketSource;
  @Field(() => MovementBucket, { description: BUCKETS.increased }) increased!: MovementBucketSource;
  @Field(() => MovementBucket, { description: BUCKETS.decreased }) decreased!: MovementBucketSource;
  @Field(() => MovementBucket, { description: BUCKETS.pushedOut }) pushedOut!: MovementBucketSource;
  @Field(() => MovementBucket, { description: BUCKETS.won }) won!: MovementBucketSource;
  @Field(() => MovementBucket, { description: BUCKETS.lost }) lost!: MovementBucketSource;
  @Field(() => MovementBucket, { description: BUCKETS.end }) end!: MovementBucketSource;
}

@ObjectType({ description: "Why the pipeline changed between two instants (business time), per currency, with the opportunities behind every figure." })
@Roles(...READERS)
export class PipelineMovement {
  @Field({ description: 'The first instant.' }) from!: Date;
  @Field({ description: 'The second instant.' }) to!: Date;
  @Field(() => PipelineDefinitionNode, { description: 'The pipeline, as defined at `to`.' }) pipeline!: PipelineDefinitionNode;
  @Field(() => [CurrencyMovement], { description: 'One entry per currency that has anything in any bucket, by currency code.' }) currencies!: CurrencyMovement[];
}
