/**
 * The sync runner: executes a plan through the ports, never writing anything twice in QuickBooks.
 *
 * How it stays safe:
 * - Before a call it claims the outbox rows (`claim.ts`): the requestid, the batch id and the body are stored
 *   first, and a resend goes out with the same id, composition and body, so Intuit replays its answer instead of
 *   writing again. What was sent, not the record as edited since, becomes the mapping's snapshot.
 * - A claimed create Intuit may have forgotten, or whose claimed batch cannot be resent as it was, is looked up
 *   by what was sent and linked when found (`found-creates.ts`); a payment it cannot look up is held for the user.
 * - Each group's results (mappings, SyncTokens, snapshots, outbox, log) commit in one store transaction.
 * - A call whose outcome is unknown (network, 5xx, 429) keeps its requestid; one that surely failed releases it.
 * @module
 */
import { defaultBackoff, localSettlements, nothingToSend, recordKey, skippedLog } from '../core/index.ts'
import type { SyncOp, SyncPlan } from '../core/index.ts'
import { blocked, commit, nowIso } from './commit.ts'
import { decideNumbers } from './numbers.ts'
import { needsReactivation, reactivate } from './reactivate.ts'
import { sendGroup } from './send-group.ts'
import type { Run, RunnerDeps, RunState, RunSummary, Settled } from './state.ts'

/**
 * Execute `plan` (from the core's `plan()` over a fresh `store.snapshot()`).
 * @example
 * const snap = await store.snapshot()
 * const summary = await executePlan(plan({ ...planInputOf(snap), now }), { store, gateway, clock, random, realmId })
 */
export async function executePlan(plan: SyncPlan, deps: RunnerDeps): Promise<RunSummary> {
  const run: Run = {
    concurrency: 4,
    maxAttempts: 5,
    requestIdTrustMs: 24 * 3600_000,
    backoff: defaultBackoff,
    ...deps,
    state: await initialState(deps, plan),
  }
  await settleLocally(run, plan)
  for (const op of plan.ops) if (needsReactivation(run, op)) await commit(run, [await reactivate(run, op)])
  // Invoice numbers are decided (and renumbers stored) before any group goes: groups run concurrently.
  const numbers = await decideNumbers(run, plan.ops)
  run.state.quickBooksNumbers = numbers.quickBooksNumbers
  run.state.numbersUnread = numbers.unread
  await runBatches(run, plan, numbers.refused)
  if (run.state.stopped) run.state.summary.stoppedBy = run.state.stopped
  return run.state.summary
}

async function initialState(deps: RunnerDeps, plan: SyncPlan): Promise<RunState> {
  const snap = await deps.store.snapshot()
  const state: RunState = {
    snap,
    records: new Map(),
    mappings: new Map(),
    rows: new Map(),
    outcome: new Map(),
    balances: new Map(),
    summary: { synced: 0, linked: 0, pulled: 0, failed: 0, skipped: plan.skipped.length },
    stopped: undefined,
    quickBooksNumbers: false,
  }
  const { records: r } = snap
  const tables = [
    ['contact', r.contacts],
    ['item', r.items],
    ['invoice', r.invoices],
    ['payment', r.payments],
    ['job', r.jobs],
  ] as const
  for (const [kind, list] of tables) for (const rec of list) state.records.set(recordKey(kind, rec.id), rec)
  for (const m of snap.mappings) state.mappings.set(recordKey(m.kind, m.localId), m)
  for (const row of snap.outbox) state.rows.set(row.seq, row)
  return state
}

/** Links, records created here, rows with nothing to send, and the skipped rows' log: no QuickBooks call. */
async function settleLocally(run: Run, plan: SyncPlan): Promise<void> {
  const { state } = run
  const local = localSettlements(plan, {
    records: state.records,
    remote: run.remote,
    realmId: run.realmId,
    at: nowIso(run),
    newId: () => run.random.uuid(),
  })
  for (const [k, rec] of local.created) state.records.set(k, rec)
  for (let i = 0; i < local.settlements.length; i += 500) {
    await commit(
      run,
      local.settlements.slice(i, i + 500).map((settlement): Settled => ({ settlement })),
    )
  }
  const idle = nothingToSend(plan, state)
  await commit(run, [{ settlement: idle }, ...local.ok.map((opId): Settled => ({ opId, outcome: 'ok' }))])
  state.summary.linked = local.linked
  state.summary.pulled = local.pulled
  if (run.logSkips) await run.store.log(skippedLog(plan, nowIso(run)))
}

/** The plan's batches, `concurrency` at a time, each after the batches it depends on. */
async function runBatches(run: Run, plan: SyncPlan, refused: ReadonlySet<string>): Promise<void> {
  // Ops the numbers step refused are not sent; what depends on them waits (their outcome is failed).
  const opsById = new Map(plan.ops.filter((o) => !refused.has(o.id)).map((o) => [o.id, o]))
  const batches = plan.batches.map((ids) =>
    ids.map((id) => opsById.get(id)).filter((o): o is SyncOp => o !== undefined),
  )
  const batchOf = new Map<string, number>()
  batches.forEach((ops, i) => ops.forEach((o) => batchOf.set(o.id, i)))
  const finished = batches.map(() => deferred())
  let cursor = 0
  let done = 0
  const total = batches.reduce((n, b) => n + b.length, 0)
  run.onProgress?.({ phase: 'push', done: 0, total })
  const worker = async () => {
    while (cursor < batches.length && !run.state.stopped) {
      const i = cursor++
      const ops = batches[i]!
      try {
        const waits = ops
          .flatMap((o) => o.dependsOn.map((d) => batchOf.get(d)))
          .filter((j): j is number => j !== undefined && j !== i)
        await Promise.all([...new Set(waits)].map((j) => finished[j]!.promise))
        if (!run.state.stopped) await runBatch(run, ops)
        done += ops.length
        run.onProgress?.({ phase: 'push', done, total })
      } finally {
        finished[i]!.resolve()
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, run.concurrency) }, worker))
}

async function runBatch(run: Run, ops: SyncOp[]): Promise<void> {
  const waiting = new Set(ops.filter((op) => op.dependsOn.some((d) => run.state.outcome.get(d) !== 'ok')))
  await commit(
    run,
    [...waiting].map((op) => blocked(run, op)),
  )
  const ready = ops.filter((op) => !waiting.has(op))
  // Intuit's batch has no void operation: voids go one by one, each with its own requestid; so do payment
  // deletes, which the edge forwards only as requests of their own.
  const alone = (o: SyncOp) => o.action === 'void' || o.action === 'delete'
  const voids = ready.filter(alone)
  const rest = ready.filter((o) => !alone(o))
  const groups = [...(rest.length > 0 ? [rest] : []), ...voids.map((v) => [v])]
  for (const g of groups) if (!run.state.stopped) await sendGroup(run, g)
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void
  const promise = new Promise<void>((r) => {
    resolve = r
  })
  return { promise, resolve }
}
