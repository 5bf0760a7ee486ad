/**
 * One push: read the store, plan the queued creates, edits and voids with the core, and execute the plan.
 * What Sync Now and auto-sync call; safe to call again at any time, including after a crash mid-run.
 * @module
 */
import { plan } from './core/index.ts'
import type { PlanInput, SyncPlan } from './core/index.ts'
import type { LocalSnapshot } from './ports.ts'
import { executePlan, type RunnerDeps, type RunSummary } from './runner/index.ts'

export function planInputOf(snap: LocalSnapshot, nowMs: number): PlanInput {
  return {
    records: snap.records,
    outbox: snap.outbox,
    mappings: snap.mappings,
    settings: snap.settings,
    now: new Date(nowMs).toISOString(),
  }
}

export async function push(
  deps: RunnerDeps,
  opts: { batchSize?: number } = {},
): Promise<{ plan: SyncPlan; summary: RunSummary }> {
  const snap = await deps.store.snapshot()
  const p = plan({ ...planInputOf(snap, deps.clock.now()), ...(opts.batchSize ? { batchSize: opts.batchSize } : {}) })
  return { plan: p, summary: await executePlan(p, deps) }
}
