import { Field, ID, InputType, Int, ObjectType } from '@nestjs/graphql';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsEnum, IsInt, IsOptional, IsString, IsUUID, MaxLength, ValidateNested } from 'class-validator';
import { ForecastCategory, StageKind } from '@crm/domain';
import { MANAGERS, Roles } from '../auth/roles.decorator';
import { MutationInput, REPLAYED } from '../shared/mutation-input';
import { PAYLOAD_POSITION, PAYLOAD_REVISION, payloadEntity } from '../shared/payload-descriptions';
import { PipelineDefinitionNode } from './pipeline-definition.types';

const MAX_STAGES = 30;
const KEY = 'A-Z, 0-9 and _, 1 to 40 characters (lower case is taken as upper case).';

@InputType({ description: 'One stage of a pipeline.' })
export class PipelineStageInput {
  @Field({ description: `The key opportunities record. ${KEY}` }) @IsString() @MaxLength(40) key!: string;
  @Field({ description: 'What people call it: one line, 1 to 100 characters.' }) @IsString() @MaxLength(100) name!: string;
  @Field(() => Int, { description: 'The chance of winning in whole percent, 0 to 100.' }) @IsInt() probability!: number;
  @Field(() => StageKind, { description: 'OPEN, WON or LOST.' }) @IsEnum(StageKind) kind!: StageKind;
  @Field(() => ForecastCategory, { description: 'Where its opportunities count in a forecast.' }) @IsEnum(ForecastCategory) forecastCategory!: ForecastCategory;
}

const STAGES =
  'The stages in order, at most 30: at least one OPEN (else RULE_VIOLATION NO_OPEN_STAGE), exactly one WON (WON_STAGE_COUNT), at least one LOST (NO_LOST_STAGE); keys unique.';

@InputType({ description: 'A new pipeline.' })
export class DefinePipelineInput extends MutationInput {
  @Field(() => ID, {
    nullable: true,
    description: "The new pipeline's id (a UUID) if you choose it; else one derived from `commandId`, so a retry with the same commandId defines no second one.",
  })
  @IsOptional() @IsUUID() id?: string;
  @Field({ description: 'What the pipeline is called: one line, 1 to 100 characters.' }) @IsString() @MaxLength(100) name!: string;
  @Field(() => [PipelineStageInput], { description: STAGES })
  @ArrayMaxSize(MAX_STAGES) @ValidateNested({ each: true }) @Type(() => PipelineStageInput) stages!: PipelineStageInput[];
}

@InputType({ description: 'Where the open opportunities of a removed stage go.' })
export class StageMoveInput {
  @Field({ description: 'The removed OPEN stage.' }) @IsString() @MaxLength(40) from!: string;
  @Field({ description: 'An OPEN stage of the new list.' }) @IsString() @MaxLength(40) to!: string;
}

@InputType({ description: "A pipeline's new stage list (whole), and where the open opportunities of each removed stage go." })
export class RevisePipelineInput extends MutationInput {
  @Field(() => ID, { description: 'The pipeline; an unknown one is NOT_FOUND.' }) @IsUUID() pipelineId!: string;
  @Field({ nullable: true, description: 'A new name; kept when omitted.' }) @IsOptional() @IsString() @MaxLength(100) name?: string;
  @Field(() => [PipelineStageInput], {
    description: `${STAGES} A kept key keeps its kind (STAGE_KIND_CHANGED); WON and LOST stages may be renamed and re-weighted but not removed (CLOSING_STAGE_REMOVED).`,
  })
  @ArrayMaxSize(MAX_STAGES) @ValidateNested({ each: true }) @Type(() => PipelineStageInput) stages!: PipelineStageInput[];
  @Field(() => [StageMoveInput], {
    nullable: true,
    description: 'One move per removed OPEN stage (else RULE_VIOLATION MOVE_REQUIRED): its open opportunities change stage, each by an ordinary stage change caused by this revision.',
  })
  @IsOptional() @ArrayMaxSize(MAX_STAGES) @ValidateNested({ each: true }) @Type(() => StageMoveInput) moves?: StageMoveInput[];
}

@InputType({ description: 'A pipeline to archive.' })
export class ArchivePipelineInput extends MutationInput {
  @Field(() => ID, { description: 'The pipeline; an unknown one is NOT_FOUND, the default one RULE_VIOLATION DEFAULT_PIPELINE_ARCHIVED.' })
  @IsUUID() pipelineId!: string;
}

@ObjectType({ description: 'What a pipeline mutation wrote.' })
@Roles(...MANAGERS)
export class PipelinePayload {
  @Field(() => PipelineDefinitionNode, { nullable: true, description: payloadEntity('pipeline') }) pipeline!: PipelineDefinitionNode | null;
  @Field(() => Int, { nullable: true, description: PAYLOAD_REVISION }) revision!: number | null;
  @Field(() => String, { nullable: true, description: PAYLOAD_POSITION }) position!: string | null;
  @Field({ description: REPLAYED }) replayed!: boolean;
}
