import { getJestProjectsAsync } from '@nx/jest';

export default async () => ({
  projects: await getJestProjectsAsync(),
  // A global option: the preset's value applies only when a project is run on its own.
  testTimeout: 20_000,
  reporters: ['default', '<rootDir>/tools/testing/summary-reporter.js'],
});
