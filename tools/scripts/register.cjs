// Runs TypeScript sources directly (SWC, with decorator metadata for NestJS and
// the tsconfig path aliases), so `npm start` needs no build step.
const { join } = require('node:path');

process.env.SWC_NODE_PROJECT = join(__dirname, 'tsconfig.runtime.json');
require('@swc-node/register');
