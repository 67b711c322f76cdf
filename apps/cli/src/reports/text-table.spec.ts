import { renderTable } from './text-table';

describe('renderTable', () => {
  const columns = [
    { header: 'stage', align: 'left' },
    { header: 'count', align: 'right' },
    { header: 'amount', align: 'right' },
  ] as const;

  it('makes each column as wide as its widest cell, numbers right-aligned, two spaces apart', () => {
    const lines = renderTable(columns, [
      ['PROSPECTING', '7', '1500.00'],
      ['WON', '1234', '98765432.10'],
    ]);
    expect(lines).toEqual([
      'stage        count       amount',
      'PROSPECTING      7      1500.00',
      'WON           1234  98765432.10',
    ]);
  });

  it('lets a header be the widest cell, and leaves no trailing spaces after a short last cell', () => {
    const lines = renderTable([{ header: 'currency', align: 'left' }, { header: 'note', align: 'left' }], [['EUR', ''], ['GBP', 'x']]);
    expect(lines).toEqual(['currency  note', 'EUR', 'GBP       x']);
  });

  it('prints the header alone when there are no rows', () => {
    expect(renderTable(columns, [])).toEqual(['stage  count  amount']);
  });
});
