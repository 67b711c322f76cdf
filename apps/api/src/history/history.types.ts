import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsEnum, IsUUID } from 'class-validator';
import { GraphQLJSONObject } from 'graphql-scalars';
import { StreamType } from '@crm/domain';
import { Connection } from '../graphql/connection';
import { EVENT_READERS, Roles } from '../auth/roles.decorator';

@InputType({ description: 'One entity\'s event stream: its kind and its id.' })
export class StreamRefInput {
  @Field(() => StreamType, { description: 'The kind of entity.' }) @IsEnum(StreamType) type!: StreamType;
  @Field(() => ID, { description: 'The entity\'s id (UUID, any letter case).' }) @IsUUID() id!: string;
}

@ObjectType('HistoryEvent', { description: 'One recorded event of an entity, as auditors read it.' })
@Roles(...EVENT_READERS)
export class HistoryEventNode {
  @Field(() => Int, { description: 'Place of the event in its stream: 0 for the first.' }) revision!: number;
  @Field({ description: 'Global log position (opaque).' }) position!: string;
  @Field(() => ID, { description: 'Event id (UUID), derived from the command id, so a retried command writes the same ids.' }) id!: string;
  @Field({ description: 'What happened, as a stable past-tense name ("LeadQualified", "PersonErased").' }) type!: string;
  @Field(() => GraphQLJSONObject, { description: 'The facts the event records, in full; personal fields decrypted, and null once the person is erased.' })
  data!: Record<string, unknown>;
  @Field(() => Date, { description: 'When it happened in the business.' }) occurredAt!: string;
  @Field(() => Date, { description: 'When the store recorded it.' }) recordedAt!: string;
  @Field({ description: 'Who did it: the user id (token `sub`) whose command caused the event, or `cli:<user>` for the command line.' }) actor!: string;
  @Field({ description: 'The command that wrote it: the commandId the client sent, or one the server chose.' }) commandId!: string;
  @Field({ description: 'Shared by everything one request caused: the X-Correlation-Id header the client sent, else one the server chose.' }) correlationId!: string;
  @Field({ description: 'What directly caused it: the command id, or for the account, contact and opportunity a conversion creates, the LeadConverted event id.' }) causationId!: string;
}

@ObjectType()
export class HistoryConnection extends Connection(HistoryEventNode, 'HistoryEvent') {}
