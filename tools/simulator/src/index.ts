export { createScenario, type Scenario } from './scenario/scenario';
export { runSimulator, type SimulatorOptions } from './run-simulator';
export type { SimulatorSummary } from './progress';
