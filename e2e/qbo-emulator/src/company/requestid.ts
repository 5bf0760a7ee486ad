/**
 * `requestid` (docs/quickbooks.md §2.4): a request whose id this company has seen before is not run
 * again; the first response (status and body, its `time` included) is replayed, even when the
 * new body differs. Ids are at most 50 characters, 36 on batch calls. How long Intuit remembers
 * an id is not documented: forever by default, or `retention` ms of emulator time.
 */
import type { RealmState, StoredResponse } from './state.ts'
import type { Result } from './result.ts'
import { err, ok } from './result.ts'
import { faults } from './faults.ts'

export const MAX_REQUEST_ID = 50
export const MAX_BATCH_REQUEST_ID = 36

export interface Remembering {
  now: number
  /** Emulator ms an id is remembered; null: forever. */
  retention: number | null
}

/** Runs `run` once per (company, requestid) while the id is remembered; replays its answer meanwhile. */
export function runOnce(
  state: RealmState,
  requestId: string | undefined,
  max: number,
  memory: Remembering,
  run: () => StoredResponse,
): Result<StoredResponse> {
  if (requestId === undefined || requestId === '') return ok(run())
  if (requestId.length > max) return err(faults.requestIdTooLong(max))
  forgetExpired(state, memory)
  const seen = state.requestIds.get(requestId)
  if (seen) return ok(seen.response)
  const response = run()
  state.requestIds.set(requestId, { response, at: memory.now })
  return ok(response)
}

function forgetExpired(state: RealmState, { now, retention }: Remembering): void {
  if (retention === null) return
  for (const [id, seen] of state.requestIds) {
    if (now - seen.at < retention) break
    state.requestIds.delete(id)
  }
}

/** Forgets every id the company remembers (admin); returns how many. */
export function forgetRequestIds(state: RealmState): number {
  const n = state.requestIds.size
  state.requestIds.clear()
  return n
}
