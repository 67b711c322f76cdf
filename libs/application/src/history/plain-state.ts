import { Money, type JsonValue } from '@crm/domain';

const isMoney = (value: object): value is Money =>
  typeof (value as Money).amountMinor === 'bigint' && typeof (value as Money).currency === 'string';

/**
 * Aggregate state as plain JSON, for output: decider states hold Money with a bigint amount, which
 * JSON.stringify refuses; money becomes its event form `{ amount: "12500.00", currency }`.
 */
export const plainState = (value: unknown): JsonValue => {
  if (value === null || value === undefined) return null;
  if (typeof value === 'bigint') return value.toString();
  if (typeof value !== 'object') return value as JsonValue;
  if (Array.isArray(value)) return value.map(plainState);
  if (isMoney(value)) return Money.toJson(value);
  return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, plainState(item)]));
};
