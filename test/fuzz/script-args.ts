/** `--name value` options of a script run as `npm run <script> -- --name value`; anything else is refused. */
export const scriptOptions = (argv: readonly string[], known: readonly string[]): Record<string, string> => {
  const options: Record<string, string> = {};
  for (let i = 0; i < argv.length; i += 2) {
    const name = argv[i].replace(/^--/, '');
    if (!argv[i].startsWith('--') || !known.includes(name) || argv[i + 1] === undefined) {
      throw new Error(`Unknown or incomplete option ${argv[i]}; options: ${known.map((option) => `--${option} <value>`).join(' ')}`);
    }
    options[name] = argv[i + 1];
  }
  return options;
};

/** A whole number option, or the default when it is absent. */
export const wholeNumber = (options: Record<string, string>, name: string, fallback: number): number => {
  const value = options[name] === undefined ? fallback : Number(options[name]);
  if (!Number.isSafeInteger(value) || value < 0) throw new Error(`--${name} takes a whole number, not ${options[name]}`);
  return value;
};
