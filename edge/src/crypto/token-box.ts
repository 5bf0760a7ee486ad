/**
 * Seals Intuit tokens for storage: AES-256-GCM with a fresh 96-bit IV per write, the key derived
 * (HKDF-SHA-256) from the TOKEN_ENCRYPTION_KEY bytes, and the realm id as additional data so a
 * sealed blob copied into another realm's storage does not open. Each blob names its key's id, so
 * after a rotation blobs sealed under the previous key still open and are reported `stale`.
 */
import type { KeySet } from '../env.ts'
import { fromBase64, toBase64 } from './base64.ts'
import { keyFor, keyId } from './key-id.ts'

const keys = new WeakMap<Uint8Array, Promise<CryptoKey>>()

function aesKey(secret: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  let key = keys.get(secret)
  if (!key) {
    key = (async () => {
      const material = await crypto.subtle.importKey('raw', secret, 'HKDF', false, ['deriveKey'])
      return crypto.subtle.deriveKey(
        {
          name: 'HKDF',
          hash: 'SHA-256',
          salt: new TextEncoder().encode('fieldsync/realm-gate'),
          info: new TextEncoder().encode('intuit-tokens/v2'),
        },
        material,
        { name: 'AES-GCM', length: 256 },
        false,
        ['encrypt', 'decrypt'],
      )
    })()
    keys.set(secret, key)
  }
  return key
}

/** `v2.<key id>.<base64 iv>.<base64 ciphertext+tag>`, under the current key. */
export async function seal(keySet: KeySet, realmId: string, plaintext: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12))
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(realmId) },
    await aesKey(keySet.current),
    new TextEncoder().encode(plaintext),
  )
  return `v2.${await keyId(keySet.current)}.${toBase64(iv)}.${toBase64(new Uint8Array(data))}`
}

export type Opened = { plaintext: string; stale: boolean }

/**
 * The plaintext (`stale` when it was sealed under the previous key), or null when the blob is
 * malformed, tampered with, sealed for another realm or under a key the edge no longer has.
 */
export async function open(keySet: KeySet, realmId: string, sealed: string): Promise<Opened | null> {
  const [version, id, ivText, dataText] = sealed.split('.')
  if (version !== 'v2' || !ivText || !dataText) return null
  const found = await keyFor(keySet, id)
  const iv = fromBase64(ivText)
  const data = fromBase64(dataText)
  if (!found || !iv || !data || iv.length !== 12) return null
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(realmId) },
      await aesKey(found.key),
      data,
    )
    return { plaintext: new TextDecoder().decode(plain), stale: found.stale }
  } catch {
    return null
  }
}
