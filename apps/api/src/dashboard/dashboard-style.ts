/** The dashboard's look: inline in the page, allowed by its hash in the page's Content-Security-Policy. */
export const DASHBOARD_STYLE = `
  body { font-family: system-ui, sans-serif; margin: 0 auto; max-width: 1200px; padding: 1rem 1.5rem; color: #1c2733; }
  h1 { font-size: 1.5rem; margin: 0 0 1rem; }
  h2 { font-size: 1.15rem; margin: 0 0 .5rem; }
  form { display: flex; flex-wrap: wrap; gap: .75rem 1rem; align-items: end; margin-bottom: 1rem; }
  label { display: flex; flex-direction: column; gap: .25rem; font-size: .85rem; font-weight: 600; }
  input, select, button { font: inherit; padding: .35rem .5rem; }
  button { cursor: pointer; }
  [hidden] { display: none !important; }
  .hint { font-size: .85rem; color: #56606b; margin: .25rem 0 0; flex-basis: 100%; }
  .alert { background: #fdecea; border: 1px solid #c62828; color: #8e1b1b; padding: .5rem .75rem; margin: 0 0 1rem; }
  .alert:empty { display: none; }
  main { display: grid; grid-template-columns: repeat(auto-fit, minmax(520px, 1fr)); gap: 1.5rem; }
  section { border: 1px solid #d5dbe1; border-radius: 6px; padding: 1rem; }
  section[aria-busy="true"] .chart { opacity: .5; }
  .chart { position: relative; height: 320px; }
  .caption { font-size: .85rem; color: #56606b; margin: 0 0 .5rem; }
  table { border-collapse: collapse; font-size: .85rem; margin-top: .5rem; }
  th, td { border-bottom: 1px solid #e3e7eb; padding: .2rem .6rem; text-align: left; }
  td.number { text-align: right; font-variant-numeric: tabular-nums; }
`;
