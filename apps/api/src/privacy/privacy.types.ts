import { Field, ID, InputType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { IsEnum, IsOptional, IsString, IsUUID, MaxLength, MinLength } from 'class-validator';
import { ErasureReason, StreamType, SuppressionKind } from '@crm/domain';
import { ContactNode } from '../contacts/contact.types';
import { HistoryEventNode } from '../history/history.types';
import { LeadNode } from '../leads/lead.types';
import { MutationInput } from '../shared/mutation-input';
import { PRIVACY_OFFICERS, Roles } from '../auth/roles.decorator';

registerEnumType(ErasureReason, {
  name: 'ErasureReason',
  description: 'The ground on which a person is erased.',
  valuesMap: {
    DATA_SUBJECT_REQUEST: { description: 'The person asked to be forgotten (GDPR art. 17).' },
    RETENTION: { description: 'Kept no longer than needed (art. 5): the retention policy erased them.' },
    OTHER: { description: 'Another lawful ground; say which in `notes`.' },
  },
});
registerEnumType(SuppressionKind, {
  name: 'SuppressionKind',
  description: 'What of an erased person is kept as a keyed hash, so that they are not recorded again.',
  valuesMap: {
    EMAIL: { description: 'An email address, compared in lowercase.' },
    PHONE: { description: 'A phone number, compared in E.164 form.' },
  },
});

@InputType({ description: 'The person to erase, by one lead or one contact of theirs: the lead and the contact made from it are one person.' })
export class ErasePersonInput extends MutationInput {
  @Field(() => ID, { nullable: true, description: 'A lead of the person; give this or `contactId`, not both (else BAD_USER_INPUT). Unknown: NOT_FOUND.' })
  @IsOptional() @IsUUID() leadId?: string;
  @Field(() => ID, { nullable: true, description: 'A contact of the person; give this or `leadId`, not both (else BAD_USER_INPUT). Unknown: NOT_FOUND.' })
  @IsOptional() @IsUUID() contactId?: string;
  @Field(() => ErasureReason, { description: 'The ground for the erasure, recorded in every PersonErased.' }) @IsEnum(ErasureReason) reason!: ErasureReason;
  @Field({ nullable: true, description: "Kept with the erasure request in the key store, never in the event log; do not write the person's name or contact details in them." })
  @IsOptional() @IsString() @MaxLength(2000) notes?: string;
}

@ObjectType('ErasedStream', { description: "One of the erased person's streams, now ending in PersonErased." })
@Roles(...PRIVACY_OFFICERS)
export class ErasedStreamNode {
  @Field(() => StreamType, { description: 'LEAD or CONTACT.' }) type!: StreamType;
  @Field(() => ID, { description: 'The lead or contact id.' }) id!: string;
}

@ObjectType({ description: 'The erasure: the key is destroyed and every stream of the person records PersonErased.' })
@Roles(...PRIVACY_OFFICERS)
export class ErasePersonPayload {
  @Field(() => ID, { description: 'The erased data subject: the person behind the lead and the contact made from it.' }) subjectId!: string;
  @Field(() => Date, { description: 'When the person was erased; erasing again answers the first time.' }) erasedAt!: string;
  @Field(() => [ErasedStreamNode], { description: "The person's lead and contact streams." }) streams!: ErasedStreamNode[];
  @Field(() => String, { nullable: true, description: 'Global log position of the last PersonErased (opaque).' }) position!: string | null;
  @Field({ description: 'true when the person had already been erased: the answer is that erasure\'s, and nothing was written now.' }) replayed!: boolean;
}

@InputType({ description: 'One email or one phone that an erased person had.' })
export class LiftSuppressionInput extends MutationInput {
  @Field({ nullable: true, description: 'The suppressed email address; give this or `phone`, not both (else BAD_USER_INPUT).' })
  @IsOptional() @IsString() @MaxLength(320) email?: string;
  @Field({ nullable: true, description: 'The suppressed phone number, in any form that parses; give this or `email`, not both.' })
  @IsOptional() @IsString() @MaxLength(50) phone?: string;
  @Field({ description: 'Why the person may be recorded again; kept on the record with who lifted it.' })
  @IsString() @MinLength(1) @MaxLength(500) reason!: string;
}

@ObjectType('LiftedSuppression', { description: 'An erased subject whose email or phone may be recorded again.' })
@Roles(...PRIVACY_OFFICERS)
export class LiftedSuppressionNode {
  @Field(() => SuppressionKind, { description: 'Whether an email or a phone was lifted.' }) kind!: SuppressionKind;
  @Field(() => ID, { description: 'The erased subject the value belonged to.' }) subjectId!: string;
}

@ObjectType({ description: "What liftSuppression lifted; each subject's streams record SuppressionLifted with the reason." })
@Roles(...PRIVACY_OFFICERS)
export class LiftSuppressionPayload {
  @Field(() => [LiftedSuppressionNode], { description: 'Empty when nothing was suppressed.' }) lifted!: LiftedSuppressionNode[];
}

@ObjectType('DataSubject', { description: 'One person as this CRM holds them: their leads, contacts and every event about them, decrypted.' })
@Roles(...PRIVACY_OFFICERS)
export class DataSubjectNode {
  @Field(() => ID, { description: 'The data subject: one person, whose lead and the contact made from it share it.' }) subjectId!: string;
  @Field({ description: 'The person was erased: their personal fields read as null everywhere, here too.' }) erased!: boolean;
  @Field(() => [LeadNode], { description: 'Their leads, as the read model has them.' }) leads!: LeadNode[];
  @Field(() => [ContactNode], { description: 'Their contacts, as the read model has them.' }) contacts!: ContactNode[];
  @Field(() => [HistoryEventNode], { description: 'Every event of their lead and contact streams in log order, personal fields decrypted.' })
  events!: HistoryEventNode[];
}

@ObjectType({ description: 'An answer to an access request (GDPR art. 15).' })
@Roles(...PRIVACY_OFFICERS)
export class PersonalDataReport {
  @Field(() => [DataSubjectNode], { description: 'Each person with this email or phone now; empty when there is none.' }) subjects!: DataSubjectNode[];
}

