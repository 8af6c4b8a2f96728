export default {
  displayName: 'audit-cli',
  preset: '../../jest.preset.js',
  rootDir: '.',
};
