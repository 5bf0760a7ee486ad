/**
 * One group of ops that share a requestid, through its steps: look up what cannot be replayed → claim → build
 * requests → send with retry → settle the answers → retry what was stale. Each step returns values; this file
 * and `commit.ts` are the only ones that change the run's state.
 * @module
 */
import { mustLookUp, recordKey, release, slowDownNotice } from '../core/index.ts'
import type { SyncFault, SyncOp } from '../core/index.ts'
import type { QboEntity } from '../ports.ts'
import { buildRequests, type Built } from './build.ts'
import { claim, type Claimed } from './claim.ts'
import { withClashNamed } from './clash.ts'
import { commit, failed, nowIso, succeeded } from './commit.ts'
import { linkFoundCreates, releaseBroken } from './found-creates.ts'
import { checkReleased, isNumberTaken, movePastCompany } from './numbers.ts'
import { sendWithRetry, type Sent } from './send.ts'
import { prepareStaleRetry } from './stale-retry.ts'
import type { Run, Settled } from './state.ts'

/** Stale faults one op may recover from in a run (re-read, merge, send again). */
const STALE_RETRIES = 2

export async function sendGroup(run: Run, group: SyncOp[], staleDepth = 0): Promise<void> {
  const replayable = await unreplayable(run, group)
  if (replayable === undefined) return
  const numbers = await checkReleased(run, replayable.ops, replayable.released)
  await commit(run, numbers.settled)
  const ops = { ops: numbers.ops, prior: replayable.prior }
  if (ops.ops.length === 0) return
  const claimed = await claim(run, ops.ops, ops.prior)
  await commit(run, claimed.settled)
  if (claimed.mine.length === 0) return
  const built = await buildRequests(run, claimed)
  if (built.balances) run.state.balances = built.balances
  const sendable = claimed.mine.map((m) => m.op).filter((o) => built.requests.has(o.id))
  const seqsOf = new Map(claimed.mine.map((m) => [m.op.id, m.seqs]))
  const sent =
    sendable.length === 0
      ? undefined
      : await sendWithRetry(run, {
          ops: sendable,
          seqsOf,
          requestId: claimed.requestId,
          bodies: new Map([...built.requests].map(([id, req]) => [id, req.body as QboEntity])),
          onWait: (fault, retryAt) => commit(run, [{ settlement: waiting(run, fault, sendable, seqsOf, retryAt) }]),
        })
  if (sent?.stopped) run.state.stopped = sent.stopped
  // A removed device sends nothing more: its rows stay as they were (unsent and exportable), not marked failed.
  if (sent?.stopped?.code === 'device_removed') return
  const answers = sent
    ? await settleAnswers(run, sendable, sent, built, seqsOf, staleDepth)
    : { settled: [], stale: [], numberTaken: false }
  const settled = [...built.settled, ...answers.settled]
  run.logger?.info('settling', {
    requestId: claimed.requestId,
    ops: claimed.mine.length,
    failed: settled.filter((s) => s.settlement?.failed).length,
  })
  await commit(run, settled)
  if (answers.numberTaken) await movePastCompany(run)
  await retryStale(run, answers.stale, seqsOf, staleDepth)
}

/** The rows of a call waiting out a throttle: they say so until it goes again. */
function waiting(run: Run, fault: SyncFault, ops: SyncOp[], seqsOf: Map<string, number[]>, retryAt: number) {
  const seqs = ops.flatMap((o) => seqsOf.get(o.id) ?? [])
  const attempts = Math.max(0, ...seqs.map((s) => run.state.rows.get(s)?.attempts ?? 0))
  return slowDownNotice({ fault, seqs, attempts, at: nowIso(run), retryAt: new Date(retryAt).toISOString() })
}

/**
 * Ops of a claimed batch the plan broke are looked up before anything (a new claim would not take); a claimed
 * group that cannot be replayed (its requestid may be forgotten, or a row was kept for a lookup) is looked up,
 * and what QuickBooks lacks is released to go as a new request. `prior` is the claim a resend goes under.
 */
type Replayable = { ops: SyncOp[]; prior: string | undefined; released: ReadonlySet<string> }

async function unreplayable(run: Run, group: SyncOp[]): Promise<Replayable | undefined> {
  const unbroken = await releaseBroken(run, group)
  await commit(run, unbroken.settled)
  let ops = unbroken.ops
  if (ops.length === 0) return undefined
  const prior = ops[0]?.batchId
  // Ops of a broken batch that QuickBooks lacks were let go: they go as new requests.
  if (prior === undefined) return { ops, prior, released: new Set(ops.filter((o) => o.lookupFirst).map((o) => o.id)) }
  const codes = ops.flatMap((o) => o.outboxSeqs.map((seq) => run.state.rows.get(seq)?.lastError?.code))
  if (!mustLookUp(prior, run.clock.now(), run.requestIdTrustMs, codes)) return { ops, prior, released: new Set() }
  const found = await linkFoundCreates(run, ops)
  await commit(run, found.settled)
  ops = found.ops
  if (ops.length === 0) return undefined
  await commit(run, [
    {
      settlement: release(
        ops.flatMap((o) => o.outboxSeqs),
        nowIso(run),
      ),
    },
  ])
  return { ops, prior: undefined, released: new Set(ops.map((o) => o.id)) }
}

/** Each sent op's answer as a settlement, or as a stale op to re-read and send again. */
async function settleAnswers(
  run: Run,
  sendable: SyncOp[],
  sent: Sent,
  built: Built,
  seqsOf: Map<string, number[]>,
  staleDepth: number,
): Promise<{ settled: Settled[]; stale: SyncOp[]; numberTaken: boolean }> {
  const settled: Settled[] = []
  const stale: SyncOp[] = []
  let numberTaken = false
  for (const o of sendable) {
    const got = sent.outcomes.get(o.id)!
    const seqs = seqsOf.get(o.id) ?? []
    if (got.ok) {
      const sentAs = { sent: built.requests.get(o.id), warnings: built.warnings.get(o.id) }
      settled.push(succeeded(run, o, got.value, seqs, sentAs))
      continue
    }
    const fault = await withClashNamed(run, o, got.error.fault)
    numberTaken ||= isNumberTaken(fault)
    if (fault.kind === 'stale' && o.action !== 'create' && staleDepth < STALE_RETRIES) {
      stale.push(o)
      continue
    }
    // An unreadable answer to an update or void would come back the same on every replay of its requestid: the
    // next try is a new request (a repeat of one that went in is refused as stale, never applied twice). A
    // create keeps its claim; once the claim is old enough it is looked up instead.
    settled.push(
      failed(run, o, fault, seqs, got.error.release || (fault.code === 'malformed' && o.action !== 'create')),
    )
  }
  return { settled, stale, numberTaken }
}

/** Stale (5010): re-read, merge, and send again as a new request (a replay would repeat the fault). */
async function retryStale(run: Run, stale: SyncOp[], seqsOf: Map<string, number[]>, staleDepth: number): Promise<void> {
  for (const o of stale) {
    const seqs = seqsOf.get(o.id) ?? []
    const prepared = await prepareStaleRetry(run, o, seqs)
    await commit(run, [prepared.settled])
    if (!prepared.retry) continue
    const k = recordKey(o.kind, o.localId ?? '')
    run.state.records.set(k, prepared.retry.record)
    run.state.mappings.set(k, prepared.retry.mapping)
    const { batchId: _b, requestId: _r, lookupFirst: _l, ...again } = o
    await sendGroup(run, [{ ...again, outboxSeqs: seqs }], staleDepth + 1)
  }
}

export type { Claimed }
