/**
 * Recovery from a stale object fault (5010): re-read the QuickBooks record and let the core merge it
 * (`mergeStale`); the runner keeps the merged record and the fresh SyncToken for the retry.
 * @module
 */
import { ENTITY_OF, mergeStale } from '../core/index.ts'
import type { LocalRecord, SyncOp } from '../core/index.ts'
import type { Mapping } from '#shared/domain/index.ts'
import { failed, nowIso } from './commit.ts'
import { mappingOf, recordOf, type RunView, type Settled } from './state.ts'

export interface StaleRetry {
  settled: Settled
  /** What the retry sends from; absent when there is no retry. */
  retry?: { record: LocalRecord; mapping: Mapping } | undefined
}

export async function prepareStaleRetry(run: RunView, op: SyncOp, seqs: number[]): Promise<StaleRetry> {
  const mapping = mappingOf(run, op)
  const record = recordOf(run, op)
  if (!mapping || !record) return { settled: {} }
  const read = await run.gateway.read(ENTITY_OF[op.kind], mapping.qboId)
  if (!read.ok) return { settled: failed(run, op, read.error, seqs, !read.error.retryable) }
  const m = mergeStale(op, mapping, record, read.value, seqs, nowIso(run))
  return { settled: { settlement: m.settlement }, retry: { record: m.record, mapping: m.mapping } }
}
