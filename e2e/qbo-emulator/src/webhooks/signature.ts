/**
 * @module
 * `intuit-signature`: base64 of HMAC-SHA256 over the raw body bytes, keyed with the app's verifier token
 * (docs/quickbooks.md §10.2). WebCrypto only, so the same code could run anywhere.
 */
const enc = new TextEncoder()

async function hmac(key: string, body: string | Uint8Array): Promise<Uint8Array> {
  const k = await crypto.subtle.importKey('raw', enc.encode(key), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
  const data = typeof body === 'string' ? enc.encode(body) : body
  return new Uint8Array(await crypto.subtle.sign('HMAC', k, data as Uint8Array<ArrayBuffer>))
}

export async function signPayload(verifierToken: string, body: string | Uint8Array): Promise<string> {
  const mac = await hmac(verifierToken, body)
  let s = ''
  for (const b of mac) s += String.fromCharCode(b)
  return btoa(s)
}

export async function verifySignature(
  verifierToken: string,
  body: string | Uint8Array,
  signature: string,
): Promise<boolean> {
  const expected = await signPayload(verifierToken, body)
  if (expected.length !== signature.length) return false
  let diff = 0
  for (let i = 0; i < expected.length; i++) diff |= expected.charCodeAt(i) ^ signature.charCodeAt(i)
  return diff === 0
}
