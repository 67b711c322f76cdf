import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { GqlExecutionContext } from '@nestjs/graphql';
import type { Role } from '@crm/application';
import { ForbiddenError, UnauthenticatedError } from './auth.errors';
import type { RequestContext } from './request-user';
import { ROLES_KEY } from './roles.decorator';

/**
 * Deny by default: every GraphQL field resolver that is not marked with @Roles is refused, so a new
 * operation cannot be exposed by forgetting a decorator. HTTP routes (health, GraphiQL assets) pass.
 * The same @Roles rules are enforced for every selected field, nested ones too, before execution
 * (accessRulesPlugin); this second check on the resolvers Nest guards also covers operations that
 * do not pass through Apollo's request pipeline.
 */
@Injectable()
export class RolesGuard implements CanActivate {
  constructor(private readonly reflector: Reflector) {}

  canActivate(context: ExecutionContext): boolean {
    if (context.getType<string>() !== 'graphql') return true;
    const { user, authProblem } = GqlExecutionContext.create(context).getContext<RequestContext>();
    if (!user) throw new UnauthenticatedError(authProblem ?? 'A bearer token is required: Authorization: Bearer <token>');
    const required = this.reflector.getAllAndOverride<Role[] | undefined>(ROLES_KEY, [context.getHandler(), context.getClass()]);
    if (user.roles.includes('admin')) return true;
    if (!required || !user.roles.some((role) => required.includes(role))) throw new ForbiddenError(required ?? []);
    return true;
  }
}
