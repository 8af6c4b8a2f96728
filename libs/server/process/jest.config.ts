export default {
  displayName: 'process',
  preset: '../../../jest.preset.js',
  rootDir: '.',
};
