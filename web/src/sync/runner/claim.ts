/**
 * The claim step: before a call, the group's outbox rows are marked with the requestid, the batch id and (for a
 * new request) the request itself, so a resend — after a retry, a lost answer, a crash or a reload — goes out
 * with the same id, composition and body, and Intuit replays its answer instead of writing again.
 * @module
 */
import { claimsOf, newBatchId, ownClaims, requestOf } from '../core/index.ts'
import type { BodyResult, OwnClaim, SyncOp } from '../core/index.ts'
import { marked, newBodyFor } from './commit.ts'
import { recordOf, type RunView, type Settled } from './state.ts'

export interface Claimed {
  /** The ops whose rows this runner holds, with their seqs and what an earlier claim stored. */
  mine: OwnClaim[]
  requestId: string
  batchId: string
  /** A new request (its bodies built now), not a resend of a stored one. */
  fresh: boolean
  /** Bodies built for a new request, by op id. */
  built: ReadonlyMap<string, BodyResult>
  /** Ops whose rows another runner holds: they wait, failed for this run. */
  settled: Settled[]
}

/** Claims `ops` under a new request, or again under `prior` (the batch id their rows were claimed with). */
export async function claim(run: RunView, ops: SyncOp[], prior: string | undefined): Promise<Claimed> {
  const fresh = prior === undefined
  const requestId = fresh ? run.random.uuid() : (ops[0]!.requestId ?? run.random.uuid())
  const batchId = prior ?? newBatchId(run.clock.now(), requestId)
  // A new request is built now and stored with its claim; a resend goes out as its claim stored it.
  const built = new Map(fresh ? ops.map((o) => [o.id, newBodyFor(run, o)]) : [])
  const rows = await run.store.claim(
    claimsOf(ops, { requestId, batchId }, (o) => {
      const b = built.get(o.id)
      const rec = recordOf(run, o)
      return b?.ok && b.value.body !== undefined && rec ? requestOf(o, rec, b.value.body) : undefined
    }),
  )
  const { mine, lost } = ownClaims(ops, rows, batchId)
  if (lost.length > 0) {
    run.logger?.warn('rows claimed elsewhere were left out', { planned: ops.length, kept: mine.length, batchId })
  }
  return { mine, requestId, batchId, fresh, built, settled: lost.map((o) => marked(o, 'failed')) }
}
