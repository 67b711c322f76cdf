import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';
import { READERS, Roles } from '../auth/roles.decorator';

@ObjectType('Projection', { description: 'A read model and how far it has read the event log.' })
@Roles(...READERS)
export class ProjectionNode {
  @Field() name!: string;
  @Field(() => Int) version!: number;
  @Field(() => Int, { nullable: true, description: 'Which rebuilt copy serves readers.' }) generation!: number | null;
  @Field(() => String, { nullable: true, description: 'Last log position applied (opaque).' }) position!: string | null;
  @Field(() => String, { nullable: true }) headPosition!: string | null;
  @Field({ description: 'Positions between the checkpoint and the head of the log; 0 when nothing of its own is pending.' }) lag!: string;
  @Field({ description: 'NOT_BUILT, REBUILDING, LIVE, CATCHING_UP or STOPPED.' }) state!: string;
  @Field(() => Int, { description: 'Events parked because the projection failed on them.' }) parked!: number;
  @Field(() => String, { nullable: true, description: 'Progress of a running rebuild.' }) rebuildPosition!: string | null;
}

@InputType()
export class RebuildProjectionInput {
  @Field() @IsString() @MaxLength(64) name!: string;
}

@ObjectType()
@Roles('analyst')
export class RebuildProjectionPayload {
  @Field(() => ProjectionNode) projection!: ProjectionNode;
}
