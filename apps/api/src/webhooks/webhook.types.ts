import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { WebhookDeliveryDoc, WebhookEndpointDoc } from '@crm/application';
import { Roles } from '../auth/roles.decorator';
import { Connection } from '../graphql/connection';

/** The delivery statuses of webhook.docs.ts, as the schema names them. */
export const WebhookDeliveryStatus = { PENDING: 'PENDING', DELIVERED: 'DELIVERED', FAILED: 'FAILED' } as const;
registerEnumType(WebhookDeliveryStatus, {
  name: 'WebhookDeliveryStatus',
  description: 'Where one event stands with one endpoint.',
  valuesMap: {
    PENDING: { description: 'Not answered with a 2xx yet: sent again on the retry schedule, and holding back the endpoint\'s later events until it is.' },
    DELIVERED: { description: 'The receiver answered with a 2xx.' },
    FAILED: { description: 'Given up on: its endpoint was deactivated while it waited. `redeliverWebhookDelivery` sends it again.' },
  },
});

@ObjectType('Webhook', { description: 'An endpoint that is sent, in log order, every event of the types it asked for, recorded after it was created.' })
@Roles('admin')
export class WebhookNode {
  @Field(() => ID, { description: 'The webhook\'s id (a UUID).' }) id!: string;
  @Field({ description: 'Where deliveries are POSTed: an http(s) URL, as normalised when it was created.' }) url!: string;
  @Field(() => [String], { description: 'The event types it is sent ("OpportunityWon", "PersonErased"); empty: every event type.' }) eventTypes!: string[];
  @Field(() => String, { nullable: true, description: 'What it is for, as its creator wrote it; null when none was given.' }) description!: string | null;
  @Field({ description: 'false once it was deactivated for failing continuously; a successful redelivery of its failed delivery makes it active again.' })
  active!: boolean;
  @Field(() => Date, { description: 'When it was created; it is sent the events recorded after that.' }) createdAt!: string;
  @Field(() => Date, { nullable: true, description: 'When it was deactivated for failing continuously; null while active.' }) deactivatedAt!: string | null;
  @Field(() => String, { nullable: true, description: 'Why it was deactivated, naming the last error; null while active.' }) deactivatedReason!: string | null;
}

@ObjectType('WebhookDelivery', { description: 'One event sent (or to be sent) to one endpoint, over all its attempts.' })
@Roles('admin')
export class WebhookDeliveryNode {
  @Field(() => ID, { description: 'The `webhook-id` header of every attempt: the same each time, so a receiver can drop a repeat.' }) id!: string;
  @Field(() => ID, { description: 'The webhook it is sent to.' }) webhookId!: string;
  @Field(() => ID, { description: 'The event it carries (`data.event.id` of the body).' }) eventId!: string;
  @Field({ description: 'The event\'s type (`type` of the body).' }) eventType!: string;
  @Field({ description: 'The stream the event was recorded in, e.g. `opportunity-<uuid>`.' }) stream!: string;
  @Field({ description: 'The event\'s global log position, a decimal (`data.position` of the body).' }) position!: string;
  @Field(() => WebhookDeliveryStatus, { description: 'Whether it was delivered, is still being tried, or was given up on.' }) status!: keyof typeof WebhookDeliveryStatus;
  @Field(() => Int, { description: 'How many times it was sent.' }) attempts!: number;
  @Field(() => Date, { nullable: true, description: 'When it was last sent; null before the first attempt.' }) lastAttemptAt!: string | null;
  @Field(() => Date, { nullable: true, description: 'When it is sent next, while PENDING after a failed attempt; null otherwise.' }) nextAttemptAt!: string | null;
  @Field(() => Int, { nullable: true, description: 'The HTTP status the receiver last answered; null when no answer came (refused, timed out).' })
  lastResponseStatus!: number | null;
  @Field(() => String, { nullable: true, description: 'What went wrong the last time, if it did; null after a 2xx.' }) lastError!: string | null;
  @Field(() => Date, { nullable: true, description: 'When the receiver answered with a 2xx; null until it does.' }) deliveredAt!: string | null;
  @Field(() => Date, { description: 'When the deliverer first took the event up for this endpoint.' }) createdAt!: string;
}

@ObjectType()
export class WebhookDeliveryConnection extends Connection(WebhookDeliveryNode, 'WebhookDelivery') {}

/** What the schema shows of an endpoint: never its sealed secret, nor who made it or from where it starts. */
export const toWebhookNode = (doc: WebhookEndpointDoc): WebhookNode => ({
  id: doc.id,
  url: doc.url,
  eventTypes: doc.eventTypes,
  description: doc.description,
  active: doc.active,
  createdAt: doc.createdAt,
  deactivatedAt: doc.deactivatedAt,
  deactivatedReason: doc.deactivatedReason,
});

/** The log position as a plain decimal: stored zero-padded so that text order is log order. */
export const toDeliveryNode = (doc: WebhookDeliveryDoc): WebhookDeliveryNode => ({
  id: doc.id,
  webhookId: doc.webhookId,
  eventId: doc.eventId,
  eventType: doc.eventType,
  stream: doc.stream,
  position: BigInt(doc.position).toString(),
  status: doc.status,
  attempts: doc.attempts,
  lastAttemptAt: doc.lastAttemptAt,
  nextAttemptAt: doc.nextAttemptAt,
  lastResponseStatus: doc.lastResponseStatus,
  lastError: doc.lastError,
  deliveredAt: doc.deliveredAt,
  createdAt: doc.createdAt,
});
