/**
 * The sync runner: executes a plan through the ports, never writing anything twice in QuickBooks.
 *
 * How it stays safe:
 * - Before a call it claims the outbox rows: the requestid (and, for a batch, the batch id) and the body are
 *   stored first, and a resend — after a retry, a lost answer, a crash or a reload — goes out with the same id,
 *   the same composition and the same body, so Intuit replays its answer instead of writing again. What was
 *   sent, not the record as edited since, becomes the mapping's snapshot: a later edit stays queued and follows.
 * - When a claimed create is old enough that Intuit may have forgotten its requestid, or its claimed batch cannot
 *   be resent as it was (the plan's `lookupFirst`), it looks up what was sent (DisplayName, Name, DocNumber, a
 *   payment's key) and links what it finds instead of creating again; a payment it cannot look up is held for the
 *   user rather than risk a second one (`found-creates.ts`).
 * - Each batch's results (mappings, SyncTokens, snapshots, outbox, log) commit in one store transaction.
 * - A call whose outcome is unknown (network, 5xx, 429) keeps its requestid; one that surely failed releases
 *   it, so the next try is a new request and not a replay of the failure.
 * @module
 */
import type { SentRequest } from '../../../shared/domain/index.ts'
import { classifyFault } from './core/faults.ts'
import type { SyncFault } from './core/fault-types.ts'
import type { SyncOp, SyncPlan } from './core/plan-types.ts'
import { holdPaymentsToBalances } from './balances.ts'
import { nameTheClash } from './clash.ts'
import { bIdOf, claimedAt, newBatchId } from './claims.ts'
import { backoffMs, defaultBackoff, ENTITY_OF, settle, skippedLog } from './core/index.ts'
import type { MapWarning } from './core/index.ts'
import { keptForLookup, linkFoundCreates, release, releaseBroken } from './found-creates.ts'
import type { QboEntity, Settlement } from './ports.ts'
import { localSettlements, nothingToSend } from './local-ops.ts'
import { reactivateLinked } from './reactivate.ts'
import { prepareStaleRetry } from './stale.ts'
import { bodyOf, fail, iso, key, rebuiltRequest, requestOf, succeed, type Ctx, type RunnerDeps } from './run-context.ts'

export type { RunnerDeps }

export interface RunSummary {
  synced: number
  linked: number
  pulled: number
  failed: number
  skipped: number
  /** Set when the run stopped early: QuickBooks refused the connection and the user must reconnect. */
  stoppedBy?: SyncFault
}

/**
 * Execute `plan` (from the core's `plan()` over a fresh `store.snapshot()`).
 * @example
 * const snap = await store.snapshot()
 * const summary = await executePlan(plan({ ...planInputOf(snap), now }), { store, gateway, clock, random, realmId })
 */
export async function executePlan(plan: SyncPlan, deps: RunnerDeps): Promise<RunSummary> {
  const snap = await deps.store.snapshot()
  const ctx: Ctx = {
    concurrency: 4, maxAttempts: 5, requestIdTrustMs: 24 * 3600_000, backoff: defaultBackoff, ...deps,
    snap, records: new Map(), mappings: new Map(), rows: new Map(), outcome: new Map(), balances: new Map(),
    summary: { synced: 0, linked: 0, pulled: 0, failed: 0, skipped: plan.skipped.length }, stopped: undefined,
  }
  const { records: r } = snap
  for (const [kind, list] of [['contact', r.contacts], ['item', r.items], ['invoice', r.invoices], ['payment', r.payments], ['job', r.jobs]] as const) {
    for (const rec of list) ctx.records.set(key(kind, rec.id), rec)
  }
  for (const m of snap.mappings) ctx.mappings.set(key(m.kind, m.localId), m)
  for (const row of snap.outbox) ctx.rows.set(row.seq, row)

  const local = localSettlements(plan, { ...ctx, now: () => iso(ctx.clock.now()), uuid: () => ctx.random.uuid() })
  for (let i = 0; i < local.settlements.length; i += 500) await ctx.store.settle(local.settlements.slice(i, i + 500))
  for (const s of local.settlements) if (s.mapping) ctx.mappings.set(key(s.mapping.kind, s.mapping.localId), s.mapping)
  const idle = nothingToSend(plan, ctx)
  if (idle) await ctx.store.settle([idle])
  for (const id of local.ok) ctx.outcome.set(id, 'ok')
  ctx.summary.linked = local.linked
  ctx.summary.pulled = local.pulled
  if (deps.logSkips) await ctx.store.log(skippedLog(plan, iso(ctx.clock.now())))
  await reactivateLinked(ctx, plan)

  const opsById = new Map(plan.ops.map((o) => [o.id, o]))
  const batches = plan.batches.map((ids) => ids.map((id) => opsById.get(id)).filter((o): o is SyncOp => o !== undefined))
  const batchOf = new Map<string, number>()
  batches.forEach((ops, i) => ops.forEach((o) => batchOf.set(o.id, i)))
  const finished = batches.map(() => deferred())
  let cursor = 0
  let done = 0
  const total = batches.reduce((n, b) => n + b.length, 0)
  ctx.onProgress?.({ phase: 'push', done: 0, total })

  const worker = async () => {
    while (cursor < batches.length && !ctx.stopped) {
      const i = cursor++
      const ops = batches[i]!
      try {
        const deps = new Set(ops.flatMap((o) => o.dependsOn.map((d) => batchOf.get(d)).filter((j): j is number => j !== undefined && j !== i)))
        await Promise.all([...deps].map((j) => finished[j]!.promise))
        if (!ctx.stopped) await runBatch(ctx, ops)
        done += ops.length
        ctx.onProgress?.({ phase: 'push', done, total })
      } finally {
        finished[i]!.resolve()
      }
    }
  }
  await Promise.all(Array.from({ length: Math.max(1, ctx.concurrency) }, worker))
  if (ctx.stopped) ctx.summary.stoppedBy = ctx.stopped
  return ctx.summary
}

async function runBatch(ctx: Ctx, ops: SyncOp[]): Promise<void> {
  const ready: SyncOp[] = []
  const blocked: Settlement[] = []
  for (const op of ops) {
    const failedDep = op.dependsOn.find((d) => ctx.outcome.get(d) !== 'ok')
    if (failedDep === undefined) { ready.push(op); continue }
    ctx.outcome.set(op.id, 'failed')
    ctx.summary.skipped++
    blocked.push(settle(op, { type: 'blocked' }, { realmId: ctx.realmId, now: ctx.clock.now(), seqs: [], previous: undefined, attempts: 0, random: () => 0 }))
  }
  if (blocked.length > 0) await ctx.store.settle(blocked)
  // Intuit's batch has no void operation: voids go one by one, each with its own requestid.
  const voids = ready.filter((o) => o.action === 'void')
  const rest = ready.filter((o) => o.action !== 'void')
  const groups = [...(rest.length > 0 ? [rest] : []), ...voids.map((v) => [v])]
  for (const g of groups) if (!ctx.stopped) await sendGroup(ctx, g)
}

/** Claims, sends (batch or single) with retries, and settles one group of ops that share a requestid. */
async function sendGroup(ctx: Ctx, group: SyncOp[], staleDepth = 0): Promise<void> {
  // Ops of a claimed batch the plan broke keep their old claim until looked up; a new claim would not take.
  let ops = await releaseBroken(ctx, group)
  if (ops.length === 0) return
  const prior = ops[0]?.batchId
  let fresh = prior === undefined
  if (prior !== undefined && (ctx.clock.now() - (claimedAt(prior) ?? 0) > ctx.requestIdTrustMs || keptForLookup(ctx, ops))) {
    ops = await linkFoundCreates(ctx, ops)
    if (ops.length === 0) return
    await ctx.store.settle([release(ops.flatMap((o) => o.outboxSeqs), iso(ctx.clock.now()))])
    fresh = true
  }
  const requestId = fresh ? ctx.random.uuid() : ops[0]!.requestId ?? ctx.random.uuid()
  const batchId = fresh ? newBatchId(ctx.clock.now(), requestId) : prior!
  // A new request is built now and stored with its claim; a resend goes out as its claim stored it.
  const built = new Map(fresh ? ops.map((o) => [o.id, bodyOf(ctx, o)]) : [])
  const claims = ops.flatMap((o) => {
    const b = built.get(o.id)
    const sent = b?.ok && b.value !== undefined ? requestOf(ctx, o, b.value) : undefined
    return (o.outboxSeqs.length > 0 ? o.outboxSeqs : [undefined]).map((seq) => ({
      seq, kind: o.kind, localId: o.localId ?? '', version: o.version ?? 1, requestId, batchId, sent,
      op: o.action === 'void' ? 'void' as const : o.action === 'create' ? 'create' as const : 'update' as const,
    }))
  })
  const rows = await ctx.store.claim(claims)
  const seqsOf = new Map<string, number[]>()
  const storedOf = new Map<string, SentRequest>()
  const mine: SyncOp[] = []
  let r = 0
  for (const o of ops) {
    const n = Math.max(1, o.outboxSeqs.length)
    const own = rows.slice(r, r + n)
    r += n
    // Rows another runner (another tab) claimed or settled meanwhile stay with it: sending them here could
    // write twice, or change the composition of a batch under its requestid.
    if (!own.every((row) => row !== undefined && row.batchId === batchId)) { ctx.outcome.set(o.id, 'failed'); continue }
    mine.push(o)
    seqsOf.set(o.id, own.map((row) => row!.seq))
    const stored = own[0]?.sent
    if (stored) storedOf.set(o.id, stored)
  }
  if (mine.length < ops.length) ctx.logger?.warn('rows claimed elsewhere were left out', { planned: ops.length, kept: mine.length, batchId })
  ops = mine
  if (ops.length === 0) return
  const sentId = requestId

  const requests = new Map<string, SentRequest>()
  const warnings = new Map<string, MapWarning[]>()
  const settlements: Settlement[] = []
  // A payment applying more than an invoice's QuickBooks balance would be refused: say so in plain words instead.
  // Not for a resend: QuickBooks replays its first answer, and if that write went in, the balance counts it already.
  const overpaid = await holdPaymentsToBalances(ctx, fresh ? ops : [])
  for (const o of ops) {
    const seqs = seqsOf.get(o.id) ?? []
    const stored = storedOf.get(o.id)
    const body = stored ? { ok: true as const, value: stored.body, warnings: [] } : built.get(o.id) ?? bodyOf(ctx, o)
    const refused = body.ok ? overpaid.get(o.id) : body.error
    if (refused) { settlements.push(fail(ctx, o, refused, seqs, true)); continue }
    if (!body.ok) continue
    const m = ctx.mappings.get(key(o.kind, o.localId ?? ''))
    // Nothing QuickBooks holds changed (a local-only field, say): settled as synced without a call.
    if (body.value === undefined && m) settlements.push(succeed(ctx, o, { Id: m.qboId, SyncToken: m.syncToken }, seqs, { warnings: body.warnings, unchanged: true }))
    else if (body.value !== undefined) {
      requests.set(o.id, stored ?? (fresh ? requestOf(ctx, o, body.value) : rebuiltRequest(ctx, o, body.value)))
      warnings.set(o.id, body.warnings)
    }
  }
  const sendable = ops.filter((o) => requests.has(o.id))
  const stale: SyncOp[] = []
  if (sendable.length > 0) {
    const bodies = new Map([...requests].map(([id, req]) => [id, req.body as QboEntity]))
    const outcomes = await sendWithRetry(ctx, sendable, bodies, seqsOf, sentId)
    for (const o of sendable) {
      const got = outcomes.get(o.id)!
      const res = got.ok ? got : { ...got, fault: await nameTheClash(ctx, o, got.fault) }
      if (res.ok) settlements.push(succeed(ctx, o, res.entity, seqsOf.get(o.id) ?? [], { sent: requests.get(o.id), warnings: warnings.get(o.id) }))
      else if (res.fault.kind === 'stale' && o.action !== 'create' && staleDepth < 2) stale.push(o)
      // An unreadable answer to an update or void would come back the same on every replay of its requestid: the
      // next try is a new request (a repeat of one that went in is refused as stale, never applied twice). A
      // create keeps its claim; once the claim is old enough it is looked up instead.
      else settlements.push(fail(ctx, o, res.fault, seqsOf.get(o.id) ?? [], res.release || (res.fault.code === 'malformed' && o.action !== 'create')))
    }
  }
  ctx.logger?.info('settling', { requestId: sentId, ops: ops.length, failed: settlements.filter((s) => s.failed).length })
  await ctx.store.settle(settlements)
  for (const s of settlements) if (s.mapping) ctx.mappings.set(key(s.mapping.kind, s.mapping.localId), s.mapping)
  // Stale (5010): re-read, merge, and send again as a new request (a replay would repeat the fault).
  for (const o of stale) {
    const seqs = seqsOf.get(o.id) ?? []
    const prepared = await prepareStaleRetry(ctx, o, seqs)
    await ctx.store.settle([prepared.settlement])
    if (!prepared.retry) continue
    const { batchId: _b, requestId: _r, lookupFirst: _l, ...again } = o
    await sendGroup(ctx, [{ ...again, outboxSeqs: seqs }], staleDepth + 1)
  }
}

type Outcome = { ok: true; entity: QboEntity } | { ok: false; fault: SyncFault; release: boolean }

/** Throttled answers one call may wait out in a run (about ten of Intuit's minutes), on top of its attempts. */
const THROTTLED_WAITS = 10

async function sendWithRetry(ctx: Ctx, ops: SyncOp[], bodies: Map<string, QboEntity>, seqsOf: Map<string, number[]>, requestId: string): Promise<Map<string, Outcome>> {
  const out = new Map<string, Outcome>()
  let throttled = 0
  for (let attempt = 1; ; attempt++) {
    const call = ops.length === 1 ? await sendOne(ctx, ops[0]!, bodies.get(ops[0]!.id)!, requestId) : await sendBatch(ctx, ops, bodies, seqsOf, requestId)
    if (call.ok) return call.value
    const fault = call.error
    if (fault.kind === 'auth') ctx.stopped = fault
    // A throttled call was refused unprocessed and waiting helps: it spends its own allowance, not the attempts,
    // so a busy company delays the push instead of leaving it for the next run.
    if (fault.kind === 'rateLimit' && throttled++ < THROTTLED_WAITS) attempt--
    if (!fault.retryable || fault.kind === 'auth' || attempt >= ctx.maxAttempts) {
      // Unknown outcome (network, 5xx, throttled): keep the requestid so the next run replays, never repeats.
      const release = !fault.retryable && fault.kind !== 'auth'
      for (const o of ops) out.set(o.id, { ok: false, fault, release })
      return out
    }
    const wait = backoffMs(attempt, ctx.random.next(), fault.retryAfterMs, ctx.backoff)
    ctx.logger?.info('retrying after a transient fault', { code: fault.code, wait, attempt })
    await ctx.clock.sleep(wait)
  }
}

type CallResult = { ok: true; value: Map<string, Outcome> } | { ok: false; error: SyncFault }

async function sendOne(ctx: Ctx, op: SyncOp, body: QboEntity, requestId: string): Promise<CallResult> {
  const operation = op.action === 'void' ? 'void' : op.action === 'create' ? 'create' : 'update'
  const res = await ctx.gateway.write(ENTITY_OF[op.kind], operation, body, requestId)
  if (!res.ok) return res
  return { ok: true, value: new Map([[op.id, { ok: true, entity: res.value }]]) }
}

async function sendBatch(ctx: Ctx, ops: SyncOp[], bodies: Map<string, QboEntity>, seqsOf: Map<string, number[]>, requestId: string): Promise<CallResult> {
  const bIds = new Map(ops.map((o) => [o.id, bIdOf(seqsOf.get(o.id)![0]!)]))
  const items = ops.map((o) => ({ bId: bIds.get(o.id)!, operation: o.action === 'create' ? 'create' as const : 'update' as const, [ENTITY_OF[o.kind]]: bodies.get(o.id) }))
  const res = await ctx.gateway.batch(items as never, requestId)
  if (!res.ok) return res
  const byBId = new Map(res.value.map((item) => [item.bId, item]))
  const out = new Map<string, Outcome>()
  for (const o of ops) {
    const item = byBId.get(bIds.get(o.id)!)
    const entity = item?.[ENTITY_OF[o.kind]] as QboEntity | undefined
    if (item && !item.Fault && entity) out.set(o.id, { ok: true, entity })
    // The batch answered, so a resend under this requestid would replay the same fault: release it.
    else out.set(o.id, { ok: false, fault: classifyFault({ type: 'batchItem', item: item ?? { Fault: { Error: [{ code: 'missing', Message: 'No answer for this item' }] } } }), release: true })
  }
  return { ok: true, value: out }
}

function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void
  const promise = new Promise<void>((r) => { resolve = r })
  return { promise, resolve }
}

