import { Field, InputType, Int, ObjectType } from '@nestjs/graphql';
import { IsString, MaxLength } from 'class-validator';
import { READERS, Roles } from '../auth/roles.decorator';

@ObjectType('Projection', { description: 'A read model and how far it has read the event log.' })
@Roles(...READERS)
export class ProjectionNode {
  @Field({ description: 'The name rebuildProjection takes: leads (which also keeps the lead funnel), contacts, accounts, memberships, opportunities, pipeline, pipeline_definitions or opportunity_timeline.' }) name!: string;
  @Field(() => Int, { description: "Version of the projection's code; a new version is built from the whole log before it serves readers." })
  version!: number;
  @Field(() => Int, { nullable: true, description: 'Which rebuilt copy serves readers.' }) generation!: number | null;
  @Field(() => String, { nullable: true, description: 'Last log position applied (opaque).' }) position!: string | null;
  @Field(() => String, { nullable: true, description: 'Position of the newest event in the log (opaque); null while the log is empty.' }) headPosition!: string | null;
  @Field({ description: 'Positions between the checkpoint and the head of the log; 0 when nothing of its own is pending.' }) lag!: string;
  @Field({ description: 'NOT_BUILT, REBUILDING, LIVE, CATCHING_UP or STOPPED.' }) state!: string;
  @Field(() => Int, { description: 'Events parked because the projection failed on them.' }) parked!: number;
  @Field(() => String, { nullable: true, description: 'Progress of a running rebuild.' }) rebuildPosition!: string | null;
}

@InputType({ description: 'The projection to rebuild.' })
export class RebuildProjectionInput {
  @Field({ description: 'A name `projections` lists; an unknown one is NOT_FOUND.' }) @IsString() @MaxLength(64) name!: string;
}

@ObjectType({ description: 'The rebuild just started.' })
@Roles('analyst')
export class RebuildProjectionPayload {
  @Field(() => ProjectionNode, { description: 'Its status about a second after the start: REBUILDING with `rebuildPosition` while the rebuild runs, else as the finished rebuild left it.' })
  projection!: ProjectionNode;
}
