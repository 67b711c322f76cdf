import { enumOf } from '../shared/enums';

export const ACCOUNT_KINDS = ['COMPANY', 'FOUNDATION', 'GOVERNMENT', 'OTHER'] as const;
export type AccountKind = (typeof ACCOUNT_KINDS)[number];
export const AccountKind = enumOf(ACCOUNT_KINDS);
