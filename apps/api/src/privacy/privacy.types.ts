import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { ErasureReason, StreamType, SuppressionKind } from '@crm/domain';
import { ContactNode } from '../contacts/contact.types';
import { HistoryEventNode } from '../history/history.types';
import { LeadNode } from '../leads/lead.types';
import { MutationInput } from '../shared/mutation-input';
import { PRIVACY_OFFICERS, Roles } from '../auth/roles.decorator';

registerEnumType(ErasureReason, { name: 'ErasureReason' });
registerEnumType(SuppressionKind, { name: 'SuppressionKind' });

@InputType({ description: 'The person to erase, by one lead or one contact of theirs: the lead and the contact made from it are one person.' })
export class ErasePersonInput extends MutationInput {
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() leadId?: string;
  @Field(() => ID, { nullable: true }) @IsOptional() @IsUUID() contactId?: string;
  @Field(() => ErasureReason) @IsEnum(ErasureReason) reason!: ErasureReason;
  @Field({ nullable: true, description: "Kept with the erasure request in the key store, never in the event log; do not write the person's name or contact details in them." })
  @IsOptional() @IsString() @MaxLength(2000) notes?: string;
}

@ObjectType('ErasedStream')
@Roles(...PRIVACY_OFFICERS)
export class ErasedStreamNode {
  @Field(() => StreamType) type!: StreamType;
  @Field(() => ID) id!: string;
}

@ObjectType({ description: 'The erasure: the key is destroyed and every stream of the person records PersonErased.' })
@Roles(...PRIVACY_OFFICERS)
export class ErasePersonPayload {
  @Field(() => ID) subjectId!: string;
  @Field(() => Date) erasedAt!: string;
  @Field(() => [ErasedStreamNode]) streams!: ErasedStreamNode[];
  @Field(() => String, { nullable: true, description: 'Global log position of the last PersonErased (opaque).' }) position!: string | null;
}

@InputType({ description: 'One email or one phone that an erased person had.' })
export class LiftSuppressionInput extends MutationInput {
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(320) email?: string;
  @Field({ nullable: true }) @IsOptional() @IsString() @MaxLength(50) phone?: string;
  @Field({ description: 'Why the person may be recorded again; kept on the record with who lifted it.' })
  @IsString() @MinLength(1) @MaxLength(500) reason!: string;
}

@ObjectType('LiftedSuppression')
@Roles(...PRIVACY_OFFICERS)
export class LiftedSuppressionNode {
  @Field(() => SuppressionKind) kind!: SuppressionKind;
  @Field(() => ID, { description: 'The erased subject the value belonged to.' }) subjectId!: string;
}

@ObjectType()
@Roles(...PRIVACY_OFFICERS)
export class LiftSuppressionPayload {
  @Field(() => [LiftedSuppressionNode], { description: 'Empty when nothing was suppressed.' }) lifted!: LiftedSuppressionNode[];
}

@ObjectType('DataSubject', { description: 'One person as this CRM holds them: their leads, contacts and every event about them, decrypted.' })
@Roles(...PRIVACY_OFFICERS)
export class DataSubjectNode {
  @Field(() => ID) subjectId!: string;
  @Field() erased!: boolean;
  @Field(() => [LeadNode]) leads!: LeadNode[];
  @Field(() => [ContactNode]) contacts!: ContactNode[];
  @Field(() => [HistoryEventNode]) events!: HistoryEventNode[];
}

@ObjectType({ description: 'An answer to an access request (GDPR art. 15).' })
@Roles(...PRIVACY_OFFICERS)
export class PersonalDataReport {
  @Field(() => [DataSubjectNode]) subjects!: DataSubjectNode[];
}

