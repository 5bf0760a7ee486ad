/**
 * @module
 * Everything about the emulator that a test, a benchmark or the CLI may change, as zod schemas with
 * Intuit's documented values as defaults (docs/quickbooks.md §1.5–1.6 token lifetimes, §8 limits).
 */
import { z } from 'zod'

export const defaultApp = {
  clientId: 'fieldsync-local',
  clientSecret: 'fieldsync-local-secret',
  appName: 'Fieldsync',
  redirectUris: ['http://127.0.0.1:5173/auth/intuit/callback', 'http://127.0.0.1:4173/auth/intuit/callback'],
} as const

export const WebhookConfigSchema = z.object({
  url: z.url(),
  verifierToken: z.string().min(1),
})
export type WebhookConfig = z.infer<typeof WebhookConfigSchema>

/** An app as registered on the Keys tab of Intuit's developer portal (plus its Webhooks page). */
export const AppRegistrationSchema = z.object({
  clientId: z.string().min(1),
  clientSecret: z.string().min(1),
  appName: z.string().min(1).default('Fieldsync'),
  redirectUris: z.array(z.url()).min(1),
  webhook: WebhookConfigSchema.optional(),
})
export type AppRegistration = z.infer<typeof AppRegistrationSchema>
export type AppRegistrationInput = z.input<typeof AppRegistrationSchema>

const count = z.number().int().positive()

/** Per realm and app (docs/quickbooks.md §8). Windows are in emulator time, so a time scale keeps the ratios. */
export const LimitsSchema = z.object({
  requestsPerWindow: count.default(500),
  concurrent: count.default(10),
  batchPerWindow: count.default(40),
  windowMs: count.default(60_000),
  /**
   * Intuit's limits page also lists 10 requests per second per realm and app. Off unless set, because
   * the per-minute limit is the one Intuit enforces strictly (docs/quickbooks.md §8); set it to test pacing.
   */
  requestsPerSecond: count.optional(),
  /** Throttle body: JSON (gateway shape) or XML, which Intuit often sends even when JSON was asked for. */
  throttleFormat: z.enum(['json', 'xml']).default('json'),
})
export type Limits = z.infer<typeof LimitsSchema>

export const TokenLifetimesSchema = z.object({
  accessTokenSeconds: count.default(3600),
  /** Rolling refresh-token expiry: 100 days, extended by every successful refresh. */
  refreshTokenSeconds: count.default(100 * 86_400),
  /** A refresh hands out a new refresh-token value once the current one is this old (Intuit: about a day). */
  refreshRotationSeconds: z.number().int().nonnegative().default(86_400),
  /** Hard cap on a connection's refresh tokens, counted from consent (Intuit: five years). */
  refreshHardCapSeconds: count.default(5 * 365 * 86_400),
  /** Lifetime of an authorization code (Intuit does not document it). */
  codeSeconds: count.default(600),
})
export type TokenLifetimes = z.infer<typeof TokenLifetimesSchema>

export const chaosKinds = ['http500', 'http503', 'throttle429', 'stall', 'dropAfterWrite'] as const
export const ChaosKindSchema = z.enum(chaosKinds)
export type ChaosKind = z.infer<typeof ChaosKindSchema>

const chaosCommon = {
  probability: z.number().min(0).max(1).default(0),
  seed: z.number().int().default(1),
  /**
   * Longest a stalled request is held (it is released earlier when the client disconnects) before it is
   * processed anyway, in emulator ms: 130 s is past Intuit's 120 s timeout, and lasts 2.2 s at a time scale of 60.
   */
  stallEmulatorMs: z.number().int().nonnegative().default(130_000),
  /** The same in real ms, overriding `stallEmulatorMs` when set (for callers that converted by hand). */
  stallMs: z.number().int().nonnegative().optional(),
}

export const ChaosConfigSchema = z.object({
  ...chaosCommon,
  kinds: z
    .array(ChaosKindSchema)
    .min(1)
    .default([...chaosKinds]),
})
export type ChaosConfig = z.infer<typeof ChaosConfigSchema>
export type ChaosConfigInput = z.input<typeof ChaosConfigSchema>

/**
 * Chaos on the OAuth token endpoint, off unless configured: a 500, a non-JSON 503, a stall, or the grant
 * applied (code used, refresh token rotated) and then the connection dropped, so the client never sees
 * the new tokens. Intuit documents no throttling there, so there is no 429.
 */
export const tokenChaosKinds = ['http500', 'http503', 'stall', 'dropAfterWrite'] as const
export const TokenChaosConfigSchema = z.object({
  ...chaosCommon,
  kinds: z
    .array(z.enum(tokenChaosKinds))
    .min(1)
    .default([...tokenChaosKinds]),
})
export type TokenChaosConfigInput = z.input<typeof TokenChaosConfigSchema>

/**
 * Accounting API behaviour Intuit leaves undocumented (docs/quickbooks.md §17), as switches. The defaults keep
 * what the emulator always did; each alternative is as plausible.
 */
export const ApiBehaviourSchema = z.object({
  /** How long a company remembers a `requestid`, in emulator ms; null: forever (Intuit: not documented, §2.4). */
  requestIdRetention: count.nullable().default(null),
  /** CDC's 1000-object cap: per requested entity, or shared by all of them (§6: not stated). */
  cdcCap: z.enum(['perEntity', 'shared']).default('perEntity'),
})
export type ApiBehaviour = z.infer<typeof ApiBehaviourSchema>
export type ApiBehaviourInput = z.input<typeof ApiBehaviourSchema>

/** CompanyInfo's SubscriptionStatus values (docs/quickbooks.md §3.6, mv ≥ 3). */
export const SubscriptionStatusSchema = z.enum([
  'TRIAL',
  'SUBSCRIBED',
  'TRIALOPTIN',
  'RESTRICTED',
  'SUSPENDED',
  'EXPIRED',
  'CANCELLED',
  'UNKNOWN',
])
export type SubscriptionStatus = z.infer<typeof SubscriptionStatusSchema>

export const SeedSchema = z.enum(['small', 'history', 'large', 'none'])
export type Seed = z.infer<typeof SeedSchema>
