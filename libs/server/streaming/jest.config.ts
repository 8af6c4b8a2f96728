export default {
  displayName: 'streaming',
  preset: '../../../jest.preset.js',
  rootDir: '.',
};
