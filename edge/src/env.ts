/**
 * The Worker's bindings and its configuration, parsed once per env with zod.
 *
 * Vars (wrangler.toml `[vars]` or `wrangler dev --var`): INTUIT_AUTHORIZE_URL, INTUIT_TOKEN_URL,
 * INTUIT_REVOKE_URL, INTUIT_API_BASE, INTUIT_CLIENT_ID, APP_ORIGIN, optional INTUIT_REDIRECT_URI,
 * QBO_MINOR_VERSION and the PACER_* limits. Secrets (`wrangler secret put`, or `.dev.vars` locally):
 * INTUIT_CLIENT_SECRET, INTUIT_WEBHOOK_VERIFIER, SESSION_SECRET, TOKEN_ENCRYPTION_KEY.
 * `edge/.dev.vars.example` documents each; `scripts/edge-vars.ts` fills them for the emulator.
 */
import { z } from 'zod'
import { err, ok, type Result } from '#shared/result.ts'
import type { RealmGate } from './realm-gate.ts'
import { intuitLimits, type PacerLimits } from './pacer/policy.ts'

export interface Env {
  REALM_GATE: DurableObjectNamespace<RealmGate>
  [name: string]: unknown
}

const url = z.url({ protocol: /^https?$/ })
const secret = z.string().min(16, 'must be at least 16 characters')
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
  SESSION_SECRET: secret,
  TOKEN_ENCRYPTION_KEY: secret,
  QBO_MINOR_VERSION: z.string().regex(/^\d+$/).default('75'),
  PACER_REQUESTS_PER_MINUTE: num(500),
  PACER_BATCH_PER_MINUTE: num(40),
  PACER_MAX_IN_FLIGHT: num(10),
  /** 60 makes Intuit's minute last one second (tests and time-scaled benchmarks). */
  PACER_TIME_SCALE: num(1),
  /** Real ms a caller may be queued before it is answered 429 with Retry-After instead. */
  PACER_MAX_WAIT_MS: num(25_000),
  /** Refresh the access token this long before Intuit says it expires. */
  TOKEN_REFRESH_MARGIN_SECONDS: num(300),
  SESSION_TTL_SECONDS: num(30 * 24 * 3600),
})

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
  sessionSecret: string
  tokenEncryptionKey: string
  minorVersion: string
  pacer: PacerLimits
  refreshMarginMs: number
  sessionTtlSeconds: number
}

/** Variables unset or malformed: `missing` names them, `message` says what to do. */
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

function parse(env: Record<string, unknown>): ConfigResult {
  // Empty strings count as unset, so `--var NAME:` cannot pass for a value.
  const raw = Object.fromEntries(Object.keys(ConfigVars.shape).map((k) => [k, env[k] === '' ? undefined : env[k]]))
  const parsed = ConfigVars.safeParse(raw)
  if (!parsed.success) {
    const names = [...new Set(parsed.error.issues.map((i) => String(i.path[0])))]
    const detail = parsed.error.issues
      .map((i) => `${String(i.path[0])}: ${raw[String(i.path[0])] === undefined ? 'not set' : i.message}`)
      .join('; ')
    const message = `The edge is not configured: ${detail}. See edge/.dev.vars.example.`
    return err({ kind: 'not_configured', missing: names, message })
  }
  const v = parsed.data
  const appOrigin = new URL(v.APP_ORIGIN).origin
  const base = intuitLimits(v.PACER_TIME_SCALE, v.PACER_MAX_WAIT_MS)
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
    sessionSecret: v.SESSION_SECRET,
    tokenEncryptionKey: v.TOKEN_ENCRYPTION_KEY,
    minorVersion: v.QBO_MINOR_VERSION,
    pacer: {
      ...base,
      perWindow: Math.floor(v.PACER_REQUESTS_PER_MINUTE),
      batchPerWindow: Math.floor(v.PACER_BATCH_PER_MINUTE),
      maxInFlight: Math.floor(v.PACER_MAX_IN_FLIGHT),
    },
    refreshMarginMs: v.TOKEN_REFRESH_MARGIN_SECONDS * 1000,
    sessionTtlSeconds: Math.floor(v.SESSION_TTL_SECONDS),
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
