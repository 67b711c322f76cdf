import { isoInstant } from './iso-instant';

describe('isoInstant', () => {
  it('writes every instant as Date#toISOString does, before and after 1970, at the ends of a day and outside years 0 to 9999', () => {
    const instants = [0, 1, 999, 1000, 86_399_999, 86_400_000, -1, -86_400_001, Date.UTC(2026, 11, 4, 1, 2, 3, 4), Date.UTC(9999, 11, 31, 23, 59, 59, 999), -62_167_219_200_001];
    for (let i = 0; i < 2_000; i++) instants.push(Math.floor((Math.random() - 0.3) * 250_000_000_000_000));
    for (const ms of instants.filter((t) => Math.abs(t) <= 8.64e15)) expect(isoInstant(ms)).toBe(new Date(ms).toISOString());
  });
});
