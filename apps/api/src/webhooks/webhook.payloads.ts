import { Field, ID, ObjectType } from '@nestjs/graphql';
import { Roles } from '../auth/roles.decorator';
import { WebhookDeliveryNode, WebhookNode } from './webhook.types';

@ObjectType({ description: 'The new webhook and its signing secret, shown this once.' })
@Roles('admin')
export class CreateWebhookPayload {
  @Field(() => WebhookNode, { description: 'The webhook as stored; it is sent the events recorded from now on.' }) webhook!: WebhookNode;
  @Field({
    description:
      'The signing secret (`whsec_` and 32 random bytes in base64), as Standard Webhooks libraries take it to verify `webhook-signature`. ' +
      'Shown here only: it is kept sealed under the master key and no query answers it again. Lost, delete the webhook and create another.',
  })
  secret!: string;
}

@ObjectType({ description: 'The webhook that was deleted.' })
@Roles('admin')
export class DeleteWebhookPayload {
  @Field(() => ID, { description: 'Its id.' }) id!: string;
  @Field({ description: 'true: it is gone, with its secret and its place in the log; nothing more is sent to it.' }) deleted!: boolean;
}

@ObjectType({ description: 'The delivery that will be sent again.' })
@Roles('admin')
export class RedeliverWebhookDeliveryPayload {
  @Field(() => WebhookDeliveryNode, { description: 'The delivery as it stands now, before the new attempt; `webhookDeliveries` shows how the attempt went.' })
  delivery!: WebhookDeliveryNode;
}
