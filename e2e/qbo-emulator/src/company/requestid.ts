/**
 * `requestid` (qbo-api.md §2.4): a request whose id this company has seen before is not run
 * again; the first response (status and body, its `time` included) is replayed, even when the
 * new body differs. Ids are at most 50 characters, 36 on batch calls.
 */
import type { RealmState, StoredResponse } from './state.ts'
import type { Result } from './result.ts'
import { fail, ok } from './result.ts'
import { faults } from './faults.ts'

export const MAX_REQUEST_ID = 50
export const MAX_BATCH_REQUEST_ID = 36

/** Runs `run` once per (company, requestid); replays its answer afterwards. */
export function runOnce(state: RealmState, requestId: string | undefined, max: number, run: () => StoredResponse): Result<StoredResponse> {
  if (requestId === undefined || requestId === '') return ok(run())
  if (requestId.length > max) return fail(faults.requestIdTooLong(max))
  const seen = state.requestIds.get(requestId)
  if (seen) return ok(seen)
  const response = run()
  state.requestIds.set(requestId, response)
  return ok(response)
}
