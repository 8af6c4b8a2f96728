import { getJestProjectsAsync } from '@nx/jest';

export default async () => ({
  projects: await getJestProjectsAsync(),
  reporters: ['default', '<rootDir>/tools/testing/summary-reporter.js'],
});
