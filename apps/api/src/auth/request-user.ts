import type { Principal, Role } from '@crm/application';
import type { LiveSocket } from '../live/live-socket';

/**
 * What every resolver knows about the caller. The HTTP context never holds a null user (a request
 * without a valid token is refused before it, see createRequestContext); the guards still check.
 */
export interface RequestContext {
  user: Principal | null;
  /** Why the token was refused, for the UNAUTHENTICATED error message of a context built without that check. */
  authProblem: string | null;
  correlationId: string;
  /** Per-request DataLoaders, so one page of accounts costs one read per relation, not one per account. */
  loaders: Map<string, unknown>;
  /** The socket a subscription runs on; absent over HTTP. */
  live?: LiveSocket;
}

export type { Principal, Role };
