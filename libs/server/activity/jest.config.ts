export default {
  displayName: 'activity',
  preset: '../../../jest.preset.js',
  rootDir: '.',
};
