import type { RequestContext } from './request-user';
import { ForbiddenError } from './auth.errors';

/** History and as-of are the auditor's (and admin's) view of the log. */
export const assertAuditor = (request: RequestContext): void => {
  const roles = request.user?.roles ?? [];
  if (!roles.includes('auditor') && !roles.includes('admin')) throw new ForbiddenError(['auditor']);
};
