/**
 * Fills `table` with the figures a chart draws: the chart's accessible twin, and what a test reads.
 * Each row is `{ cells: [string | { text, number: true }], data: { name: value } }`: `data` becomes the
 * row's data-* attributes (`{ bucket: 'won' }` -> data-bucket="won").
 */
export const fillTable = (table, caption, headers, rows) => {
  table.replaceChildren();
  table.createCaption().textContent = caption;
  const headRow = table.createTHead().insertRow();
  for (const header of headers) {
    const th = document.createElement('th');
    th.scope = 'col';
    th.textContent = header;
    headRow.append(th);
  }
  const tbody = table.createTBody();
  for (const row of rows) {
    const tr = tbody.insertRow();
    Object.assign(tr.dataset, row.data ?? {});
    for (const cell of row.cells) {
      const td = tr.insertCell();
      td.textContent = typeof cell === 'string' ? cell : cell.text;
      if (typeof cell !== 'string' && cell.number) td.className = 'number';
    }
  }
};

/** A right-aligned cell. */
export const numberCell = (value) => ({ text: String(value), number: true });
