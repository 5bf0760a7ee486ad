/**
 * Seals Intuit tokens for storage: AES-256-GCM with a fresh 96-bit IV per write, the key derived
 * (HKDF-SHA-256) from the TOKEN_ENCRYPTION_KEY secret, and the realm id as additional data so a
 * sealed blob copied into another realm's storage does not open.
 */
import { fromBase64, toBase64 } from './base64.ts'

const keys = new Map<string, Promise<CryptoKey>>()

export function tokenKey(secret: string): Promise<CryptoKey> {
  let key = keys.get(secret)
  if (!key) {
    key = (async () => {
      const material = await crypto.subtle.importKey('raw', new TextEncoder().encode(secret), 'HKDF', false, [
        'deriveKey',
      ])
      return crypto.subtle.deriveKey(
        {
          name: 'HKDF',
          hash: 'SHA-256',
          salt: new TextEncoder().encode('fieldsync/realm-gate'),
          info: new TextEncoder().encode('intuit-tokens/v1'),
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

/** `v1.<base64 iv>.<base64 ciphertext+tag>` */
export async function seal(key: CryptoKey, realmId: string, plaintext: string): Promise<string> {
  const iv = crypto.getRandomValues(new Uint8Array(12))
  const data = await crypto.subtle.encrypt(
    { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(realmId) },
    key,
    new TextEncoder().encode(plaintext),
  )
  return `v1.${toBase64(iv)}.${toBase64(new Uint8Array(data))}`
}

/** The plaintext, or null when the blob is malformed, tampered with, sealed for another realm or under another key. */
export async function open(key: CryptoKey, realmId: string, sealed: string): Promise<string | null> {
  const [version, ivText, dataText] = sealed.split('.')
  if (version !== 'v1' || !ivText || !dataText) return null
  const iv = fromBase64(ivText)
  const data = fromBase64(dataText)
  if (!iv || !data || iv.length !== 12) return null
  try {
    const plain = await crypto.subtle.decrypt(
      { name: 'AES-GCM', iv, additionalData: new TextEncoder().encode(realmId) },
      key,
      data,
    )
    return new TextDecoder().decode(plain)
  } catch {
    return null
  }
}
