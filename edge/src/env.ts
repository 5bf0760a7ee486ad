/**
 * The Worker's bindings and its configuration, parsed once per env with zod.
 *
 * Vars (wrangler.toml `[vars]` or `wrangler dev --var`): INTUIT_AUTHORIZE_URL, INTUIT_TOKEN_URL,
 * INTUIT_REVOKE_URL, INTUIT_API_BASE, INTUIT_CLIENT_ID, APP_ORIGIN, optional INTUIT_REDIRECT_URI,
 * QBO_MINOR_VERSION, the PACER_* limits, the BUDGET_* limits and timeouts. Secrets (`wrangler secret put`,
 * or `.dev.vars` locally): INTUIT_CLIENT_SECRET, INTUIT_WEBHOOK_VERIFIER, SESSION_SECRET,
 * TOKEN_ENCRYPTION_KEY, and while rotating SESSION_SECRET_PREVIOUS, TOKEN_ENCRYPTION_KEY_PREVIOUS.
 * docs/secrets.md says how to make and rotate each; `scripts/edge-vars.ts` fills them for the emulator.
 *
 * Refused: `http:` URLs other than loopback, keys that are not base64 of at least 32 bytes, and the
 * placeholders and local development secrets unless every URL is loopback.
 */
import { z } from 'zod'
import { err, ok, type Result } from '#shared/result.ts'
import type { RealmGate } from './realm-gate.ts'
import { intuitLimits, type PacerLimits } from './pacer/policy.ts'
import { isLocalOnlySecret, isLoopbackUrl } from './config/local-secrets.ts'
import { fromBase64 } from './crypto/base64.ts'

export interface Env {
  REALM_GATE: DurableObjectNamespace<RealmGate>
  [name: string]: unknown
}

const url = z
  .url({ protocol: /^https?$/ })
  .refine((v) => v.startsWith('https:') || isLoopbackUrl(v), 'must be https: (http: only on loopback)')
const key = z.string().transform((v, ctx) => {
  const bytes = /^[A-Za-z0-9+/_-]+={0,2}$/.test(v.trim()) ? fromBase64(v.trim()) : null
  if (bytes === null || bytes.length < 32) {
    ctx.addIssue({ code: 'custom', message: 'must be base64 of at least 32 random bytes (openssl rand -base64 32)' })
    return z.NEVER
  }
  return { text: v.trim(), bytes }
})
const num = (fallback: number) => z.coerce.number().positive().default(fallback)

const ConfigVars = z.object({
  INTUIT_AUTHORIZE_URL: url,
  INTUIT_TOKEN_URL: url,
  INTUIT_REVOKE_URL: url,
  INTUIT_API_BASE: url,
  INTUIT_CLIENT_ID: z.string().min(1),
  INTUIT_CLIENT_SECRET: z.string().min(1),
  INTUIT_WEBHOOK_VERIFIER: z.string().min(1),
  INTUIT_REDIRECT_URI: url.optional(),
  APP_ORIGIN: url,
  SESSION_SECRET: key,
  SESSION_SECRET_PREVIOUS: key.optional(),
  TOKEN_ENCRYPTION_KEY: key,
  TOKEN_ENCRYPTION_KEY_PREVIOUS: key.optional(),
  QBO_MINOR_VERSION: z.string().regex(/^\d+$/).default('75'),
  PACER_REQUESTS_PER_MINUTE: num(500),
  PACER_BATCH_PER_MINUTE: num(40),
  PACER_MAX_IN_FLIGHT: num(10),
  /** 60 makes Intuit's minute last one second (tests and time-scaled benchmarks). */
  PACER_TIME_SCALE: num(1),
  /** Real ms a caller may be queued before it is answered 429 with Retry-After instead. */
  PACER_MAX_WAIT_MS: num(25_000),
  /** Real ms a queued caller waits at most before it is answered 429 (default: twice PACER_MAX_WAIT_MS). */
  PACER_DEADLINE_MS: z.coerce.number().positive().optional(),
  /** Refresh the access token this long before Intuit says it expires. */
  TOKEN_REFRESH_MARGIN_SECONDS: num(300),
  SESSION_TTL_SECONDS: num(30 * 24 * 3600),
  /**
   * QuickBooks calls a company may make per UTC day. The busiest measured day (docs/benchmarks.md:
   * a 20,500-record initial sync in 687 calls, then a working day of edits and pulls, well under
   * 2,000 calls) fits many times over.
   */
  BUDGET_READS_PER_DAY: num(20_000),
  BUDGET_WRITES_PER_DAY: num(10_000),
  /** The app's Intuit calls in a month (all companies) past which the log warns. */
  INTUIT_MONTHLY_CALLS_WARN_AT: num(400_000),
  /** Intuit's server gives up at 120 s; the edge stops waiting then too. */
  UPSTREAM_TIMEOUT_MS: num(120_000),
  /** Token and revoke endpoints. */
  OAUTH_TIMEOUT_MS: num(30_000),
  /** A webhook delivery older than this (or as far ahead) is acknowledged and ignored; replays within it are deduplicated. */
  WEBHOOK_WINDOW_SECONDS: num(24 * 3600),
})

/** A key (decoded bytes) and its base64 text; `previous` is still accepted while data is re-sealed under `current`. */
export interface KeySet {
  current: Uint8Array<ArrayBuffer>
  previous: Uint8Array<ArrayBuffer> | null
}

export interface Config {
  authorizeUrl: string
  tokenUrl: string
  revokeUrl: string
  apiBase: string
  clientId: string
  clientSecret: string
  webhookVerifier: string
  redirectUri: string
  appOrigin: string
  sessionKeys: KeySet
  tokenKeys: KeySet
  minorVersion: string
  pacer: PacerLimits
  refreshMarginMs: number
  sessionTtlSeconds: number
  budget: { readsPerDay: number; writesPerDay: number }
  monthlyCallsWarnAt: number
  upstreamTimeoutMs: number
  oauthTimeoutMs: number
  webhookWindowMs: number
}

/** Variables unset or malformed: `missing` names them, `message` (for the log only) says what to do. */
export type NotConfigured = { kind: 'not_configured'; missing: string[]; message: string }
export type ConfigResult = Result<Config, NotConfigured>

const cache = new WeakMap<object, ConfigResult>()

export function readConfig(env: Record<string, unknown>): ConfigResult {
  const hit = cache.get(env)
  if (hit) return hit
  const result = parse(env)
  cache.set(env, result)
  return result
}

const urlNames = [
  'INTUIT_AUTHORIZE_URL',
  'INTUIT_TOKEN_URL',
  'INTUIT_REVOKE_URL',
  'INTUIT_API_BASE',
  'APP_ORIGIN',
  'INTUIT_REDIRECT_URI',
] as const
const secretNames = [
  'INTUIT_CLIENT_SECRET',
  'INTUIT_WEBHOOK_VERIFIER',
  'SESSION_SECRET',
  'SESSION_SECRET_PREVIOUS',
  'TOKEN_ENCRYPTION_KEY',
  'TOKEN_ENCRYPTION_KEY_PREVIOUS',
] as const

function parse(env: Record<string, unknown>): ConfigResult {
  // Empty strings count as unset, so `--var NAME:` cannot pass for a value.
  const raw = Object.fromEntries(Object.keys(ConfigVars.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]))
  const parsed = ConfigVars.safeParse(raw)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => {
      const name = String(i.path[0])
      return [name, raw[name] === undefined ? 'not set' : i.message] as const
    })
    return notConfigured(problems)
  }
  const v = parsed.data
  // Local secrets and placeholders are fine for the emulator on this machine, never beyond it.
  const allLoopback = urlNames.every((name) => v[name] === undefined || isLoopbackUrl(v[name]))
  if (!allLoopback) {
    const local = secretNames.filter((name) => {
      const value = v[name]
      return value !== undefined && isLocalOnlySecret(typeof value === 'string' ? value : value.text)
    })
    if (local.length > 0)
      return notConfigured(local.map((name) => [name, 'is a placeholder or a local development secret'] as const))
  }
  const appOrigin = new URL(v.APP_ORIGIN).origin
  const base = intuitLimits(v.PACER_TIME_SCALE, v.PACER_MAX_WAIT_MS, v.PACER_DEADLINE_MS)
  return ok({
    authorizeUrl: v.INTUIT_AUTHORIZE_URL,
    tokenUrl: v.INTUIT_TOKEN_URL,
    revokeUrl: v.INTUIT_REVOKE_URL,
    apiBase: v.INTUIT_API_BASE.replace(/\/+$/, ''),
    clientId: v.INTUIT_CLIENT_ID,
    clientSecret: v.INTUIT_CLIENT_SECRET,
    webhookVerifier: v.INTUIT_WEBHOOK_VERIFIER,
    redirectUri: v.INTUIT_REDIRECT_URI ?? `${appOrigin}/auth/intuit/callback`,
    appOrigin,
    sessionKeys: { current: v.SESSION_SECRET.bytes, previous: v.SESSION_SECRET_PREVIOUS?.bytes ?? null },
    tokenKeys: { current: v.TOKEN_ENCRYPTION_KEY.bytes, previous: v.TOKEN_ENCRYPTION_KEY_PREVIOUS?.bytes ?? null },
    minorVersion: v.QBO_MINOR_VERSION,
    pacer: {
      ...base,
      perWindow: Math.floor(v.PACER_REQUESTS_PER_MINUTE),
      batchPerWindow: Math.floor(v.PACER_BATCH_PER_MINUTE),
      maxInFlight: Math.floor(v.PACER_MAX_IN_FLIGHT),
    },
    refreshMarginMs: v.TOKEN_REFRESH_MARGIN_SECONDS * 1000,
    sessionTtlSeconds: Math.floor(v.SESSION_TTL_SECONDS),
    budget: { readsPerDay: Math.floor(v.BUDGET_READS_PER_DAY), writesPerDay: Math.floor(v.BUDGET_WRITES_PER_DAY) },
    monthlyCallsWarnAt: Math.floor(v.INTUIT_MONTHLY_CALLS_WARN_AT),
    upstreamTimeoutMs: v.UPSTREAM_TIMEOUT_MS,
    oauthTimeoutMs: v.OAUTH_TIMEOUT_MS,
    webhookWindowMs: v.WEBHOOK_WINDOW_SECONDS * 1000,
  })
}

function notConfigured(problems: ReadonlyArray<readonly [string, string]>): ConfigResult {
  const names = [...new Set(problems.map(([name]) => name))]
  const detail = problems.map(([name, why]) => `${name}: ${why}`).join('; ')
  return err({
    kind: 'not_configured',
    missing: names,
    message: `The edge is not configured: ${detail}. See docs/secrets.md.`,
  })
}

/** APP_ORIGIN alone, for answering in the app's terms when the rest of the configuration is incomplete. */
export function readAppOrigin(env: Record<string, unknown>): string | null {
  const parsed = url.safeParse(env.APP_ORIGIN)
  return parsed.success ? new URL(parsed.data).origin : null
}

export interface AppEnv {
  Bindings: Env
  Variables: { config: Config }
}
