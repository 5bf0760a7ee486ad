/**
 * Key ids: a short hash of a key's bytes, written beside what the key signed or sealed, so after a
 * rotation the edge knows which of the current and previous key to try, and that the data is due to
 * be re-sealed. The id reveals nothing usable about the key.
 */
import type { KeySet } from '../env.ts'
import { toBase64Url } from './base64.ts'

const ids = new WeakMap<Uint8Array, Promise<string>>()

export function keyId(key: Uint8Array<ArrayBuffer>): Promise<string> {
  let id = ids.get(key)
  if (!id) {
    const tagged = new Uint8Array([...new TextEncoder().encode('fieldsync/key-id\u0000'), ...key])
    id = crypto.subtle.digest('SHA-256', tagged).then((d) => toBase64Url(new Uint8Array(d)).slice(0, 12))
    ids.set(key, id)
  }
  return id
}

/** The key `id` names: the current one, the previous one (`stale`: re-seal under the current), or none. */
export async function keyFor(
  keys: KeySet,
  id: string | undefined,
): Promise<{ key: Uint8Array<ArrayBuffer>; stale: boolean } | null> {
  if (id === (await keyId(keys.current))) return { key: keys.current, stale: false }
  if (keys.previous && id === (await keyId(keys.previous))) return { key: keys.previous, stale: true }
  return null
}
