/**
 * Join codes: made here, stored only as keyed hashes. The first half of a code is its lookup handle
 * in the app-wide join index (join-index.ts); the whole code is what must match. Both are HMAC-SHA-256
 * under a key derived from SESSION_SECRET, so a copy of the index alone gives no code away.
 */
import { JOIN_CODE_ALPHABET, JOIN_CODE_LENGTH, type JoinCode } from '#shared/api/team.ts'
import { toBase64Url } from '../crypto/base64.ts'

export const HANDLE_LENGTH = JOIN_CODE_LENGTH / 2

/** A fresh code, uniform over the alphabet (bytes past the last whole multiple are drawn again). */
export function newJoinCode(): string {
  const n = JOIN_CODE_ALPHABET.length
  const limit = 256 - (256 % n)
  let code = ''
  while (code.length < JOIN_CODE_LENGTH) {
    for (const b of crypto.getRandomValues(new Uint8Array(16))) {
      if (b < limit && code.length < JOIN_CODE_LENGTH) code += JOIN_CODE_ALPHABET[b % n]
    }
  }
  return code
}

/** As shown to people: XXXX-XXXX. */
export const displayCode = (code: string): string => `${code.slice(0, HANDLE_LENGTH)}-${code.slice(HANDLE_LENGTH)}`

const keys = new WeakMap<Uint8Array, Promise<CryptoKey>>()

function hmacKey(secret: Uint8Array<ArrayBuffer>): Promise<CryptoKey> {
  let key = keys.get(secret)
  if (!key) {
    const tagged = new Uint8Array([...new TextEncoder().encode('join-code\u0000'), ...secret])
    key = crypto.subtle
      .digest('SHA-256', tagged)
      .then((raw) => crypto.subtle.importKey('raw', raw, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign']))
    keys.set(secret, key)
  }
  return key
}

async function mac(secret: Uint8Array<ArrayBuffer>, text: string): Promise<string> {
  const signed = await crypto.subtle.sign('HMAC', await hmacKey(secret), new TextEncoder().encode(text))
  return toBase64Url(new Uint8Array(signed))
}

export interface CodeHashes {
  /** Finds the code's row: the hash of its first half. */
  handle: string
  /** Must match: the hash of the whole code. */
  code: string
}

/** `code` as normalized by the JoinCode schema (upper case, no dash). */
export async function hashCode(secret: Uint8Array<ArrayBuffer>, code: JoinCode | string): Promise<CodeHashes> {
  return {
    handle: await mac(secret, `handle:${code.slice(0, HANDLE_LENGTH)}`),
    code: await mac(secret, `code:${code}`),
  }
}

/** Equal strings, compared in time that does not depend on where they differ. */
export function sameHash(a: string, b: string): boolean {
  if (a.length !== b.length) return false
  let diff = 0
  for (let i = 0; i < a.length; i++) diff |= a.charCodeAt(i) ^ b.charCodeAt(i)
  return diff === 0
}
