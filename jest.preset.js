// Shared Jest settings for every Node project: SWC transform (decorator metadata
// for NestJS) and module names taken from tsconfig paths.
const { compilerOptions } = require('./tsconfig.base.json');

const moduleNameMapper = Object.fromEntries(
  Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
    `^${alias.replace('/', '\\/')}$`,
    `${__dirname}/${target}`,
  ]),
);

module.exports = {
  testEnvironment: 'node',
  // Integration tests start and stop real Postgres clusters and processes; on a
  // busy 2-core machine closing them can take longer than Jest's 5 s default.
  testTimeout: 20_000,
  moduleFileExtensions: ['ts', 'js', 'json'],
  testMatch: ['**/*.spec.ts'],
  moduleNameMapper,
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          target: 'es2022',
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
        },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
};
