import { SetMetadata } from '@nestjs/common';
import type { Role } from '@crm/application';

export const ROLES_KEY = 'crm:roles';

/** Roles that may run this operation besides admin, who may run every operation. */
export const Roles = (...roles: Role[]) => SetMetadata(ROLES_KEY, roles);

/** Every authenticated role reads lists and the pipeline. */
export const READERS: Role[] = ['rep', 'manager', 'auditor', 'analyst'];
/** Reps and managers write. */
export const WRITERS: Role[] = ['rep', 'manager'];
/** The data protection officer erases people, lifts suppressions and reads personal data reports. */
export const PRIVACY_OFFICERS: Role[] = ['privacy'];
