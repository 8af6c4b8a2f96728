export default {
  displayName: 'projections',
  preset: '../../../jest.preset.js',
  rootDir: '.',
};
