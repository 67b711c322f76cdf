import { Args, Context, Mutation, Resolver } from '@nestjs/graphql';
import { WebhookRegistry } from '@crm/application';
import type { RequestContext } from '../auth/request-user';
import { Roles } from '../auth/roles.decorator';
import { rolesNote } from '../graphql/argument-descriptions';
import { CreateWebhookInput, DeleteWebhookInput, RedeliverWebhookDeliveryInput } from './webhook.inputs';
import { CreateWebhookPayload, DeleteWebhookPayload, RedeliverWebhookDeliveryPayload } from './webhook.payloads';
import { toDeliveryNode, toWebhookNode } from './webhook.types';

const ADMIN = rolesNote([]);
const INPUT = 'Malformed fields are BAD_USER_INPUT, each listed in extensions.fields; nothing is stored then.';

/** The admin's webhook writes. They touch the read store's webhook collections only, never the event log. */
@Resolver()
@Roles('admin')
export class WebhookMutationsResolver {
  constructor(private readonly registry: WebhookRegistry) {}

  @Mutation(() => CreateWebhookPayload, {
    description:
      'Registers an endpoint to be sent every event of the chosen types recorded from now on (Standard Webhooks: a signed JSON POST per event, ' +
      `in log order, at least once, retried with backoff). Answers the signing secret this once. ${ADMIN}`,
  })
  async createWebhook(@Args('input', { description: INPUT }) input: CreateWebhookInput, @Context() request: RequestContext): Promise<CreateWebhookPayload> {
    const { webhook, secret } = await this.registry.create(input, request.user?.sub ?? 'unknown');
    return { webhook: toWebhookNode(webhook), secret };
  }

  @Mutation(() => DeleteWebhookPayload, {
    description: `Deletes a webhook with its secret and its place in the log: nothing more is sent to it. Its deliveries are kept for the record. ${ADMIN}`,
  })
  async deleteWebhook(@Args('input', { description: INPUT }) input: DeleteWebhookInput): Promise<DeleteWebhookPayload> {
    await this.registry.delete(input.id);
    return { id: input.id, deleted: true };
  }

  @Mutation(() => RedeliverWebhookDeliveryPayload, {
    description:
      'Sends a delivery again at once, under its same id, whatever its status. On a deactivated webhook, a successful redelivery of its FAILED delivery ' +
      `makes the webhook active again, and it goes on from there. ${ADMIN}`,
  })
  async redeliverWebhookDelivery(@Args('input', { description: INPUT }) input: RedeliverWebhookDeliveryInput): Promise<RedeliverWebhookDeliveryPayload> {
    return { delivery: toDeliveryNode(await this.registry.redeliver(input.id)) };
  }
}
