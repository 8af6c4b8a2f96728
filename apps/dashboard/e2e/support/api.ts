/* eslint-disable @nx/enforce-module-boundaries --
 * The browser tests drive the real API in-process with its own test harness and
 * wait on its projections: the one place the dashboard reaches into the server. */
export { userIdForEmail } from '@trailmark/auth';
export { ALL_PROJECTIONS, DIRECTORY_PROJECTION, waitForCheckpoint } from '@trailmark/projections';
export { callApi } from '../../../api/src/testing/api-call';
export { startTestApi, TEST_OWNER, type TestApi } from '../../../api/src/testing/test-api';
export { workspaceCreation } from '../../../api/src/demo/demo-account';
