import type { Principal, Role } from '@crm/application';

/** What every resolver knows about the caller; null when the request carried no valid token. */
export interface RequestContext {
  user: Principal | null;
  /** Why the token was refused, for the UNAUTHENTICATED error message. */
  authProblem: string | null;
  correlationId: string;
  /** Per-request DataLoaders, so one page of accounts costs one read per relation, not one per account. */
  loaders: Map<string, unknown>;
}

export type { Principal, Role };
