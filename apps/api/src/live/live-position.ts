import { ValidationError } from '@crm/domain';

/** A log position as clients hold it: the decimal text every `position` field gives. */
export const positionArgument = (after: string | null | undefined): bigint | null => {
  if (after === undefined || after === null) return null;
  if (!/^\d{1,20}$/.test(after.trim())) throw ValidationError.field('after', 'must be a position this API gave: a whole number written in decimal');
  return BigInt(after.trim());
};
