import 'reflect-metadata';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { LeadFunnelFilter } from './lead-funnel.types';

const refusedFields = (filter: Record<string, unknown>): string[] =>
  validateSync(plainToInstance(LeadFunnelFilter, filter)).map((error) => error.property);

describe('LeadFunnelFilter', () => {
  it.each(['2026-11', '2026-11-15', '2024-02-29'])('takes %s, a month or a day that exists', (value) => {
    expect(refusedFields({ capturedFrom: value, capturedTo: value })).toEqual([]);
  });

  it.each(['2026-13', '2026-00', '2026-02-30', '2025-02-29', '2026-11-31', '2026-1', '2026-11-15T00:00:00Z'])(
    'refuses %s as a bad field rather than failing when the month is computed',
    (value) => {
      expect(refusedFields({ capturedFrom: value, capturedTo: value })).toEqual(['capturedFrom', 'capturedTo']);
    },
  );
});
