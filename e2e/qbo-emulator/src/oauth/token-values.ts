/**
 * @module
 * Opaque token strings shaped like Intuit's: access tokens are long JWE-like strings (five dot-separated
 * base64url parts), refresh tokens start with `RT1-`, codes with `AB11`. Clients must treat them as opaque,
 * so only their length and alphabet are checked, as Intuit's "Malformed bearer token" check does.
 */

function randomBase64Url(bytes: number): string {
  const buf = new Uint8Array(bytes)
  crypto.getRandomValues(buf)
  let s = ''
  for (const b of buf) s += String.fromCharCode(b)
  return btoa(s).replaceAll('+', '-').replaceAll('/', '_').replaceAll('=', '')
}

// {"enc":"A128CBC-HS256","alg":"dir"}, the header Intuit's access tokens carry.
const jweHeader = 'eyJlbmMiOiJBMTI4Q0JDLUhTMjU2IiwiYWxnIjoiZGlyIn0'

export function newAccessToken(): string {
  return `${jweHeader}..${randomBase64Url(16)}.${randomBase64Url(480)}.${randomBase64Url(16)}`
}

export function newRefreshToken(): string {
  return `RT1-${randomBase64Url(36)}`
}

export function newAuthorizationCode(): string {
  return `AB11${randomBase64Url(36)}`
}

export function newId(): string {
  return randomBase64Url(12)
}

/** True when a bearer value cannot be one of ours at all (wrong length or alphabet). */
export function isMalformedAccessToken(value: string): boolean {
  return value.length < 200 || value.length > 4096 || !/^[A-Za-z0-9_.-]+$/.test(value) || value.split('.').length !== 5
}
