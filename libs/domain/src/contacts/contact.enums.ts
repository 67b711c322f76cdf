import { enumOf } from '../shared/enums';

export const CONTACT_RELATIONSHIPS = ['EMPLOYEE', 'OWNER', 'FREELANCER', 'ADVISOR'] as const;
export type ContactRelationship = (typeof CONTACT_RELATIONSHIPS)[number];
export const ContactRelationship = enumOf(CONTACT_RELATIONSHIPS);

export const CONTACT_STATUSES = ['ACTIVE', 'LEFT'] as const;
export type ContactStatus = (typeof CONTACT_STATUSES)[number];
export const ContactStatus = enumOf(CONTACT_STATUSES);
