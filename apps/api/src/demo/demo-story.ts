// The demo tells the simulator's help-desk story, in this process. The
// simulator is an app (tools/simulator) rather than a library, so the import
// needs the rule's leave until its scenario moves into a library.
// eslint-disable-next-line @nx/enforce-module-boundaries
export { createScenario, runSimulator, type SimulatorSummary } from '@trailmark/simulator';
