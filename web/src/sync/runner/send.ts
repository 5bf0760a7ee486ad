/**
 * Sends one group (a batch, or one write) under its requestid, retrying what may succeed on a second try within
 * the run, and answers each op's outcome. A call whose outcome is unknown (network, 5xx, 429) keeps its
 * requestid; one that surely failed releases it, so the next try is a new request and not a replay of the failure.
 * @module
 */
import { err, ok, type Result } from '#shared/result.ts'
import { bIdOf, classifyFault, ENTITY_OF, isUnpredictedThrottle, retryWaitMs } from '../core/index.ts'
import type { SyncFault, SyncOp } from '../core/index.ts'
import type { QboBatchWrite, QboEntity } from '../ports.ts'
import type { RunView } from './state.ts'

/** Why an op was not written, and whether its requestid is let go (a replay would only repeat the failure). */
export type Refusal = { fault: SyncFault; release: boolean }
export type SendOutcome = Result<QboEntity, Refusal>

export interface Sent {
  outcomes: Map<string, SendOutcome>
  /** QuickBooks refused the connection: the run stops and the user must reconnect. */
  stopped?: SyncFault | undefined
}

/** Throttled answers one call may wait out in a run (about ten of Intuit's minutes), on top of its attempts. */
const THROTTLED_WAITS = 10

export interface Outgoing {
  ops: SyncOp[]
  bodies: ReadonlyMap<string, QboEntity>
  seqsOf: ReadonlyMap<string, number[]>
  requestId: string
  /** Told before each wait for a retry, with the time the call goes again (so the rows can say why they wait). */
  onWait?: (fault: SyncFault, retryAt: number) => Promise<void>
}

export async function sendWithRetry(run: RunView, out: Outgoing): Promise<Sent> {
  let throttled = 0
  for (let attempt = 1; ; attempt++) {
    const call = out.ops.length === 1 ? await sendOne(run, out) : await sendBatch(run, out)
    if (call.ok) return { outcomes: call.value }
    const fault = call.error
    // A throttled call was refused unprocessed and waiting helps: it spends its own allowance, not the attempts,
    // so a busy company delays the push instead of leaving it for the next run.
    if (fault.kind === 'rateLimit' && throttled++ < THROTTLED_WAITS) attempt--
    if (!fault.retryable || fault.kind === 'auth' || attempt >= run.maxAttempts) {
      // Unknown outcome (network, 5xx, throttled): keep the requestid so the next run replays, never repeats.
      const release = !fault.retryable && fault.kind !== 'auth'
      const outcomes = new Map(out.ops.map((o): [string, SendOutcome] => [o.id, err({ fault, release })]))
      return { outcomes, stopped: fault.kind === 'auth' ? fault : undefined }
    }
    // An unpredicted throttle waits its own growing steps, counted over the throttles in a row.
    const step = isUnpredictedThrottle(fault) ? throttled : attempt
    const wait = retryWaitMs(fault, step, run.random.next(), run.backoff)
    run.logger?.info('retrying after a transient fault', { code: fault.code, wait, attempt })
    if (fault.kind === 'rateLimit') await out.onWait?.(fault, run.clock.now() + wait)
    await run.clock.sleep(wait)
  }
}

type CallResult = Result<Map<string, SendOutcome>, SyncFault>

async function sendOne(run: RunView, out: Outgoing): Promise<CallResult> {
  const op = out.ops[0]!
  const operation =
    op.action === 'void' || op.action === 'delete' ? op.action : op.action === 'create' ? 'create' : 'update'
  const res = await run.gateway.write(ENTITY_OF[op.kind], operation, out.bodies.get(op.id)!, out.requestId)
  if (!res.ok) return res
  return ok(new Map([[op.id, ok(res.value)]]))
}

/** One write of a batch, keyed by its entity's name as Intuit expects (one member of the request union per entity). */
function batchItem(bId: string, operation: 'create' | 'update', kind: SyncOp['kind'], body: QboEntity): QboBatchWrite {
  switch (ENTITY_OF[kind]) {
    case 'Customer':
      return { bId, operation, Customer: body }
    case 'Item':
      return { bId, operation, Item: body }
    case 'Invoice':
      return { bId, operation, Invoice: body }
    case 'Payment':
      return { bId, operation, Payment: body }
  }
}

const NO_ANSWER = { Fault: { Error: [{ code: 'missing', Message: 'No answer for this item' }] } }

async function sendBatch(run: RunView, out: Outgoing): Promise<CallResult> {
  const bIds = new Map(out.ops.map((o) => [o.id, bIdOf(out.seqsOf.get(o.id)![0]!)]))
  const items = out.ops.map((o) =>
    batchItem(bIds.get(o.id)!, o.action === 'create' ? 'create' : 'update', o.kind, out.bodies.get(o.id)!),
  )
  const res = await run.gateway.batch(items, out.requestId)
  if (!res.ok) return res
  const byBId = new Map(res.value.map((item) => [item.bId, item]))
  const outcomes = new Map<string, SendOutcome>()
  for (const o of out.ops) {
    const item = byBId.get(bIds.get(o.id)!)
    const entity = item?.[ENTITY_OF[o.kind]] as QboEntity | undefined
    if (item && !item.Fault && entity) outcomes.set(o.id, ok(entity))
    // The batch answered, so a resend under this requestid would replay the same fault: release it.
    else {
      const fault = classifyFault({ type: 'batchItem', item: item ?? NO_ANSWER })
      outcomes.set(o.id, err({ fault, release: true }))
    }
  }
  return ok(outcomes)
}
