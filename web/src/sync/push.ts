/**
 * One push: read the store, plan the queued creates, edits and voids with the core, and execute the plan.
 * What Sync Now and auto-sync call; safe to call again at any time, including after a crash mid-run.
 * @module
 */
import { plan } from './core/index.ts'
import type { PlanInput, SyncPlan } from './core/index.ts'
import type { LocalSnapshot } from './ports.ts'
import { executePlan, type RunnerDeps, type RunSummary } from './runner/index.ts'
import type { UsualAccounts } from './usual-accounts.ts'

export function planInputOf(snap: LocalSnapshot, nowMs: number): PlanInput {
  return {
    records: snap.records,
    outbox: snap.outbox,
    mappings: snap.mappings,
    settings: snap.settings,
    now: new Date(nowMs).toISOString(),
  }
}

export interface PushOptions {
  batchSize?: number
  /**
   * QuickBooks' usual accounts, asked for only when the plan writes an item or a payment and the settings leave an
   * account unchosen: the same defaults the initial sync used, so an item renamed after setup still goes.
   */
  usualAccounts?: () => Promise<UsualAccounts | undefined>
  /** Manual export: the invoices and payments picked for this run (`kind:localId`). */
  approved?: ReadonlySet<string>
  /** Narrows the plan before it runs (an export sends only what was picked and what that needs). */
  only?: (plan: SyncPlan) => SyncPlan
}

export async function push(deps: RunnerDeps, opts: PushOptions = {}): Promise<{ plan: SyncPlan; summary: RunSummary }> {
  const snap = await deps.store.snapshot()
  const input = { ...planInputOf(snap, deps.clock.now()), ...(opts.approved ? { approved: opts.approved } : {}) }
  const whole = plan({ ...input, ...(opts.batchSize ? { batchSize: opts.batchSize } : {}) })
  const p = opts.only ? opts.only(whole) : whole
  const s = snap.settings
  // No deposit account is QuickBooks' own default (Undeposited Funds): only item accounts are worth a read.
  const unchosen = !s.defaultIncomeAccountId || !s.defaultExpenseAccountId
  const writesAccounts = p.ops.some(
    (op) => (op.kind === 'item' || op.kind === 'payment') && (op.action === 'create' || op.action === 'update'),
  )
  const usual = unchosen && writesAccounts ? await opts.usualAccounts?.() : undefined
  const run = usual ? { ...deps, accounts: { ...usual, ...deps.accounts } } : deps
  return { plan: p, summary: await executePlan(p, run) }
}
