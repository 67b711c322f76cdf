import type { Money } from './money.type';

/** Read models keep money as { amount, currency, amountMinor }; clients see { amount, currency }. */
export interface MoneyDoc {
  amount: string;
  currency: string;
  amountMinor?: number;
}

export const toMoney = (doc: MoneyDoc): Money => ({ amount: doc.amount, currency: doc.currency });
export const toMoneyList = (docs: readonly MoneyDoc[] | null | undefined): Money[] => (docs ?? []).map(toMoney);
