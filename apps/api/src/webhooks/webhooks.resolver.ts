import { Args, ID, Query, Resolver } from '@nestjs/graphql';
import { WebhookRegistry } from '@crm/application';
import { Roles } from '../auth/roles.decorator';
import { ENTITY_ID, rolesNote } from '../graphql/argument-descriptions';
import { toConnectionPage } from '../graphql/connection';
import { WebhookDeliveriesArgs } from './webhook.inputs';
import { toDeliveryNode, toWebhookNode, WebhookDeliveryConnection, WebhookNode } from './webhook.types';

const ADMIN = rolesNote([]);

/** What the admin reads of webhooks: the endpoints and what was sent to each. */
@Resolver()
@Roles('admin')
export class WebhooksResolver {
  constructor(private readonly registry: WebhookRegistry) {}

  @Query(() => [WebhookNode], { description: `Every webhook, newest first. ${ADMIN}` })
  async webhooks(): Promise<WebhookNode[]> {
    return (await this.registry.list()).map(toWebhookNode);
  }

  @Query(() => WebhookNode, { nullable: true, description: `One webhook by id; null if there is none. ${ADMIN}` })
  async webhook(@Args('id', { type: () => ID, description: ENTITY_ID }) id: string): Promise<WebhookNode | null> {
    const found = await this.registry.find(id);
    return found === null ? null : toWebhookNode(found);
  }

  @Query(() => WebhookDeliveryConnection, {
    description: `One webhook's deliveries, newest (latest in the log) first, each with its status and its last attempt. ${ADMIN}`,
  })
  async webhookDeliveries(@Args() args: WebhookDeliveriesArgs): Promise<WebhookDeliveryConnection> {
    const page = await this.registry.deliveries(args.webhookId, { first: args.first, after: args.after });
    const registry = this.registry;
    return {
      ...toConnectionPage(page, toDeliveryNode),
      // Counted only when selected: it reads every index entry of the webhook's log.
      get totalCount() {
        return registry.countDeliveries(args.webhookId);
      },
    } as WebhookDeliveryConnection;
  }
}
