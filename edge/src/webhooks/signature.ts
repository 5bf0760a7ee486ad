/**
 * Intuit signs each webhook delivery: `intuit-signature` = base64(HMAC-SHA256(verifier token, raw body)).
 * `crypto.subtle.verify` compares in constant time, so no timing leaks which bytes matched.
 */
import { fromBase64 } from '../crypto/base64.ts'

const keys = new Map<string, Promise<CryptoKey>>()

function verifierKey(verifier: string): Promise<CryptoKey> {
  let key = keys.get(verifier)
  if (!key) {
    key = crypto.subtle.importKey('raw', new TextEncoder().encode(verifier), { name: 'HMAC', hash: 'SHA-256' }, false, [
      'sign',
      'verify',
    ])
    keys.set(verifier, key)
  }
  return key
}

export async function verifyIntuitSignature(
  verifier: string,
  rawBody: BufferSource,
  signature: string | undefined | null,
): Promise<boolean> {
  if (!signature) return false
  const mac = fromBase64(signature.trim())
  if (!mac || mac.length !== 32) return false
  return crypto.subtle.verify('HMAC', await verifierKey(verifier), mac, rawBody)
}

/** The signature Intuit would send for `body` (tests and the emulator's counterpart). */
export async function signIntuitBody(verifier: string, body: string): Promise<string> {
  const mac = await crypto.subtle.sign('HMAC', await verifierKey(verifier), new TextEncoder().encode(body))
  let s = ''
  for (const b of new Uint8Array(mac)) s += String.fromCharCode(b)
  return btoa(s)
}
