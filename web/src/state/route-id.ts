/**
 * Local ids that arrive in a URL (a route param, a `?contact=` query). The address bar is a boundary: anyone can
 * type into it, so the id is parsed, and a malformed one reads as "no such record" rather than reaching Dexie.
 */
import { LocalId } from '#shared/ids.ts'

/** The id when `raw` is a well-formed local id, otherwise `undefined`. */
export function localIdFrom(raw: unknown): LocalId | undefined {
  const parsed = LocalId.safeParse(raw)
  return parsed.success ? parsed.data : undefined
}
