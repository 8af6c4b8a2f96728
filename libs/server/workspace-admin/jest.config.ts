export default {
  displayName: 'workspace-admin',
  preset: '../../../jest.preset.js',
  rootDir: '.',
};
