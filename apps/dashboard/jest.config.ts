/** Unit tests of stores and chart options, and the Playwright e2e tests; Pinia ships only as ES modules, so SWC turns it into CommonJS. */
const esm = ['pinia', 'nostics'];

export default {
  displayName: 'dashboard',
  preset: '../../jest.preset.js',
  rootDir: '.',
  moduleFileExtensions: ['ts', 'js', 'mjs', 'json'],
  transform: {
    '^.+\\.m?js$': ['@swc/jest', { jsc: { target: 'es2022' }, module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: [`/node_modules/(?!(${esm.join('|')})/)`],
};
