/**
 * The sync runner's surface: `executePlan` and what it takes and answers.
 * @module
 */
export { executePlan } from './execute.ts'
export type { RunnerDeps, RunSummary } from './state.ts'
