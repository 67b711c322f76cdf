import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { ArrayMaxSize, IsEnum, IsOptional, IsUUID } from 'class-validator';
import { StreamType } from '@crm/domain';
import type { EntityChange } from '@crm/application';
import { READERS, Roles } from '../auth/roles.decorator';

/** Most ids or types one subscription may name. */
export const MAX_FILTER_VALUES = 1_000;

@InputType({ description: 'Which changes a subscription receives: all of these conditions hold (an empty or omitted condition holds for every change).' })
export class EntityChangeFilter {
  @Field(() => [StreamType], { nullable: true, description: 'Only changes of entities of these kinds.' })
  @IsOptional() @IsEnum(StreamType, { each: true }) @ArrayMaxSize(MAX_FILTER_VALUES)
  types?: StreamType[];

  @Field(() => [ID], { nullable: true, description: `Only changes of these entities (UUIDs, any letter case; at most ${MAX_FILTER_VALUES}).` })
  @IsOptional() @IsUUID('all', { each: true }) @ArrayMaxSize(MAX_FILTER_VALUES)
  ids?: string[];
}

@ObjectType('EntityChange', {
  description: 'An event recorded on an entity, pushed once the read models show it: read the entity again to see the change. Nothing personal: ids, names of events and positions.',
})
@Roles(...READERS)
export class EntityChangeNode {
  @Field(() => StreamType, { description: 'The kind of entity that changed.' }) type!: StreamType;
  @Field(() => ID, { description: 'The entity that changed.' }) id!: string;
  @Field(() => Int, { description: 'Place of the event in the entity\'s stream: 0 for the first.' }) revision!: number;
  @Field({ description: 'Global log position of the event (a decimal number as text): pass the last one received as `after` to resume.' }) position!: string;
  @Field({ description: 'What happened, as a stable past-tense name ("LeadQualified", "OpportunityStageChanged").' }) eventType!: string;
  @Field(() => Date, { description: 'When it happened in the business.' }) occurredAt!: string;
}

export const entityChangeNode = (change: EntityChange): EntityChangeNode => ({
  type: change.type,
  id: change.id,
  revision: change.revision,
  position: change.position.toString(),
  eventType: change.eventType,
  occurredAt: change.occurredAt,
});
