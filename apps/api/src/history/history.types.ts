import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsUUID } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { StreamType } from '@crm/domain';
import { Connection } from '../graphql/connection';
import { EVENT_READERS, Roles } from '../auth/roles.decorator';

@InputType()
export class StreamRefInput {
  @Field(() => StreamType) @IsEnum(StreamType) type!: StreamType;
  @Field(() => ID) @IsUUID() id!: string;
}

@ObjectType('HistoryEvent', { description: 'One recorded event of an entity, as auditors read it.' })
@Roles(...EVENT_READERS)
export class HistoryEventNode {
  @Field(() => Int) revision!: number;
  @Field({ description: 'Global log position (opaque).' }) position!: string;
  @Field(() => ID) id!: string;
  @Field() type!: string;
  @Field(() => GraphQLJSONObject) data!: Record<string, unknown>;
  @Field(() => Date, { description: 'When it happened in the business.' }) occurredAt!: string;
  @Field(() => Date, { description: 'When the store recorded it.' }) recordedAt!: string;
  @Field() actor!: string;
  @Field() commandId!: string;
  @Field() correlationId!: string;
  @Field() causationId!: string;
}

@ObjectType()
export class HistoryConnection extends Connection(HistoryEventNode, 'HistoryEvent') {}
