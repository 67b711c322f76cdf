// Lets a child process run TypeScript sources directly (crash tests): compiles each .ts file with swc on
// require and maps the @crm/* path aliases, as jest's transform and moduleNameMapper do in the parent.
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const { join, resolve } = require('node:path');
const { transformSync } = require('@swc/core');

const root = resolve(__dirname, '../..');
const aliases = {
  '@crm/domain': 'libs/domain/src',
  '@crm/event-store': 'libs/event-store/src',
  '@crm/key-store': 'libs/key-store/src',
  '@crm/read-models': 'libs/read-models/src',
  '@crm/application': 'libs/application/src',
};

const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const target = aliases[request];
  return resolveFilename.call(this, target === undefined ? request : join(root, target), ...rest);
};

require.extensions['.ts'] = (module, filename) => {
  const { code } = transformSync(readFileSync(filename, 'utf8'), {
    filename,
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  });
  module._compile(code, filename);
};
