/**
 * Values that must never protect a deployment: the documented placeholders and the local
 * development secrets (scripts/edge-vars.ts gives these to `npm start` and the tests). The edge
 * refuses them unless every URL it talks to is loopback, so a copied `.dev.vars` cannot go live.
 */

/** The emulator's registered local app (e2e/qbo-emulator config defaults) and its webhook verifier. */
export const localApp = {
  clientId: 'fieldsync-local',
  clientSecret: 'fieldsync-local-secret',
  webhookVerifier: 'fieldsync-local-webhook-verifier',
} as const

/** Local-only keys (base64 of 32+ bytes, as every key must be): nothing they protect leaves the machine. */
export const localKeys = {
  sessionSecret: 'ZmllbGRzeW5jLWxvY2FsLXNlc3Npb24tc2VjcmV0LW5vdC1mb3ItZGVwbG95bWVudA==',
  tokenEncryptionKey: 'ZmllbGRzeW5jLWxvY2FsLXRva2VuLWtleS1ub3QtZm9yLWRlcGxveW1lbnQtIQ==',
} as const

/** Placeholders as edge/.dev.vars.example and the docs write them. */
const placeholders = ['replace-with-32-random-bytes-base64', 'changeme', 'change-me', 'secret', 'placeholder']

const known: ReadonlySet<string> = new Set([
  localApp.clientSecret,
  localApp.webhookVerifier,
  localKeys.sessionSecret,
  localKeys.tokenEncryptionKey,
  // The local keys before they had to be base64.
  'fieldsync-local-session-secret-not-for-deployment',
  'fieldsync-local-token-key-not-for-deployment',
  ...placeholders,
])

/** Whether `value` is a placeholder or a local development secret. */
export function isLocalOnlySecret(value: string): boolean {
  return known.has(value.trim()) || /^replace[-_ ]?with/i.test(value.trim())
}

export function isLoopbackUrl(value: string): boolean {
  const host = new URL(value).hostname
  return host === '127.0.0.1' || host === 'localhost' || host === '[::1]'
}
