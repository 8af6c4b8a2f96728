export default {
  displayName: 'projector',
  preset: '../../jest.preset.js',
  rootDir: '.',
};
