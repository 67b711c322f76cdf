import type { WebhookSecrets } from '../webhook-secret';
import type { WebhookEndpointDoc } from '../webhook.docs';

/** An endpoint's signing secret, opened once per sealed value rather than at every attempt; null when it does not open. */
export class OpenedSecret {
  private opened: { sealed: string; secret: string | null } | null = null;

  constructor(
    private readonly secrets: WebhookSecrets,
    private readonly onUnopenable: (message: string) => void,
  ) {}

  of(endpoint: WebhookEndpointDoc): string | null {
    if (this.opened?.sealed !== endpoint.sealedSecret) {
      let secret: string | null = null;
      try {
        secret = this.secrets.open(endpoint.id, endpoint.sealedSecret);
      } catch {
        // Sealed under another master key, or damaged: every attempt fails with why until it is replaced.
        this.onUnopenable(`Webhook ${endpoint.id}: its signing secret does not open under this master key`);
      }
      this.opened = { sealed: endpoint.sealedSecret, secret };
    }
    return this.opened.secret;
  }
}
