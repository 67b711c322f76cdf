export { MEMBERSHIPS, membershipsProjection } from './memberships.projection';
export { STILL_CURRENT, type MemberKind, type MembershipDoc } from './membership-doc';
export { accountFiguresAt, type AccountFigures } from './account-figures';
