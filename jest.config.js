const { existsSync } = require('node:fs');

const ESM_PACKAGES = ['@nestjs', '@apollo', '@as-integrations', 'jose', '@faker-js'];

/** Tiers by file name: *.spec.ts (pure), *.int-spec.ts (adapter contracts), *.e2e-spec.ts (real HTTP). */
module.exports = {
  testEnvironment: 'node',
  roots: ['libs', 'apps', 'src', 'test'].filter((dir) => existsSync(`${__dirname}/${dir}`)).map((dir) => `<rootDir>/${dir}`),
  testMatch: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts'],
  transform: {
    '^.+\\.(m?js)$': ['@swc/jest', { jsc: { parser: { syntax: 'ecmascript' }, target: 'es2022' }, module: { type: 'commonjs' } }],
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
  // NestJS 12, Apollo Server 5 and a few others ship only ES modules. Node >= 20.19 loads them from
  // CommonJS natively, but Jest's module runtime cannot (before Node 24.9), so Jest compiles them.
  transformIgnorePatterns: [`/node_modules/(?!(${ESM_PACKAGES.join('|')})/)`],
  moduleNameMapper: {
    '^@crm/domain$': '<rootDir>/libs/domain/src',
    '^@crm/event-store$': '<rootDir>/libs/event-store/src',
    '^@crm/key-store$': '<rootDir>/libs/key-store/src',
    '^@crm/read-models$': '<rootDir>/libs/read-models/src',
    '^@crm/read-models/testing$': '<rootDir>/libs/read-models/src/testing',
    '^@crm/application$': '<rootDir>/libs/application/src',
  },
  testTimeout: 30000,
  reporters: ['default', '<rootDir>/test/support/summary-reporter.js'],
};
