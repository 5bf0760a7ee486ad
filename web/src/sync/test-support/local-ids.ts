/** Local ids for tests: real UUIDs (what `LocalId` accepts), deterministic so a test can name them by number. */
import { LocalId } from '#shared/ids.ts'

/** The `n`-th test id: `00000000-0000-4000-8000-` and `n` in 12 hex digits, so ids sort in the order of `n`. */
export function testLocalId(n: number): LocalId {
  return LocalId.parse(`00000000-0000-4000-8000-${n.toString(16).padStart(12, '0')}`)
}
