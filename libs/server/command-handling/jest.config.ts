export default {
  displayName: 'command-handling',
  preset: '../../../jest.preset.js',
  rootDir: '.',
};
