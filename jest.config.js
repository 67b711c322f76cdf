const { existsSync } = require('node:fs');

/** Tiers by file name: *.spec.ts (pure), *.int-spec.ts (adapter contracts), *.e2e-spec.ts (real HTTP). */
module.exports = {
  testEnvironment: 'node',
  roots: ['libs', 'apps', 'src', 'test'].filter((dir) => existsSync(`${__dirname}/${dir}`)).map((dir) => `<rootDir>/${dir}`),
  testMatch: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
        },
      },
    ],
  },
  moduleNameMapper: {
    '^@crm/domain$': '<rootDir>/libs/domain/src',
    '^@crm/event-store$': '<rootDir>/libs/event-store/src',
    '^@crm/read-models$': '<rootDir>/libs/read-models/src',
  },
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
