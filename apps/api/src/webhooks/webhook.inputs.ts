import { ArgsType, Field, ID, InputType, Int } from '@nestjs/graphql';
import { ArrayMaxSize, IsArray, IsInt, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';
import { MAX_WEBHOOK_DESCRIPTION_LENGTH, MAX_WEBHOOK_URL_LENGTH, WEBHOOK_EVENT_TYPES } from '@crm/application';
import { DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE } from '@crm/read-models';

/** More than the event types there are: a list this long can only be a mistake. */
const MAX_EVENT_TYPES = 100;

@InputType({ description: 'A new webhook endpoint.' })
export class CreateWebhookInput {
  @Field({
    description:
      `Where to POST deliveries: an absolute http or https URL of at most ${MAX_WEBHOOK_URL_LENGTH} characters, without a user name, password or fragment. ` +
      'A host that is, or resolves to, a private, loopback, link-local, unspecified, multicast or reserved address is BAD_USER_INPUT (field `url`) ' +
      'unless the server runs with CRM_WEBHOOK_ALLOW_PRIVATE=1; a name that does not resolve yet is accepted, and checked again at every delivery.',
  })
  @IsString() @MaxLength(MAX_WEBHOOK_URL_LENGTH) url!: string;

  @Field(() => [String], {
    description:
      `The event types to send, each once; an empty list sends every type. An unknown type is BAD_USER_INPUT on its index (\`eventTypes[2]\`). ` +
      `The types: ${WEBHOOK_EVENT_TYPES.join(', ')}.`,
  })
  @IsArray() @ArrayMaxSize(MAX_EVENT_TYPES) @IsString({ each: true }) eventTypes!: string[];

  @Field({ nullable: true, description: `What the endpoint is for, one line of at most ${MAX_WEBHOOK_DESCRIPTION_LENGTH} characters; blank or omitted: none.` })
  @IsOptional() @IsString() @MaxLength(2_000) description?: string;
}

@InputType({ description: 'The webhook to delete.' })
export class DeleteWebhookInput {
  @Field(() => ID, { description: 'The webhook\'s id; an unknown one is NOT_FOUND.' }) @IsUUID() id!: string;
}

@InputType({ description: 'The delivery to send again.' })
export class RedeliverWebhookDeliveryInput {
  @Field(() => ID, { description: 'The delivery\'s id (`msg_...`, its `webhook-id` header); an unknown one, or one whose webhook was deleted, is NOT_FOUND.' })
  @IsString() @MaxLength(100) id!: string;
}

@ArgsType()
export class WebhookDeliveriesArgs {
  @Field(() => ID, { description: 'The webhook whose deliveries to list; an unknown one is NOT_FOUND.' }) @IsUUID() webhookId!: string;

  @Field(() => Int, {
    nullable: true,
    description: `How many deliveries to return, newest first or right after \`after\`: an integer from 0 to ${MAX_PAGE_SIZE}, ${DEFAULT_PAGE_SIZE} when omitted. Anything else is BAD_USER_INPUT (field \`first\`).`,
  })
  @IsOptional() @IsInt() first?: number | null;

  @Field(() => String, {
    nullable: true,
    description: 'Continue strictly after this cursor: an `endCursor` (or edge `cursor`) from an earlier page of the same webhook\'s deliveries. Any other is BAD_USER_INPUT (field `after`).',
  })
  @IsOptional() @IsString() @MaxLength(8192) after?: string | null;
}
