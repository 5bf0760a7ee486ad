// The edge's vars for local runs: the emulator's endpoints and local-only secrets, unless the
// environment names other ones (Intuit's sandbox, or any QuickBooks-compatible server).
// Every name is documented in edge/.dev.vars.example.
import { localApp, localKeys } from '../edge/src/config/local-secrets.ts'
import { ports } from './ports.ts'

export { localApp }

export const edgeVarNames = [
  'INTUIT_AUTHORIZE_URL',
  'INTUIT_TOKEN_URL',
  'INTUIT_REVOKE_URL',
  'INTUIT_API_BASE',
  'INTUIT_USERINFO_URL',
  'INTUIT_CLIENT_ID',
  'INTUIT_CLIENT_SECRET',
  'INTUIT_WEBHOOK_VERIFIER',
  'INTUIT_REDIRECT_URI',
  'APP_ORIGIN',
  'SESSION_SECRET',
  'SESSION_SECRET_PREVIOUS',
  'TOKEN_ENCRYPTION_KEY',
  'TOKEN_ENCRYPTION_KEY_PREVIOUS',
  'QBO_MINOR_VERSION',
  'PACER_REQUESTS_PER_MINUTE',
  'PACER_BATCH_PER_MINUTE',
  'PACER_MAX_IN_FLIGHT',
  'PACER_TIME_SCALE',
  'PACER_MAX_WAIT_MS',
  'PACER_DEADLINE_MS',
  'TOKEN_REFRESH_MARGIN_SECONDS',
  'SESSION_TTL_SECONDS',
  'BUDGET_READS_PER_DAY',
  'BUDGET_WRITES_PER_DAY',
  'INTUIT_MONTHLY_CALLS_WARN_AT',
  'UPSTREAM_TIMEOUT_MS',
  'OAUTH_TIMEOUT_MS',
  'WEBHOOK_WINDOW_SECONDS',
] as const

/** Vars that point the edge at an emulator at `emulatorUrl`, for an app served from `appOrigin`. */
export function emulatorVars(emulatorUrl: string, appOrigin: string): Record<string, string> {
  return {
    INTUIT_AUTHORIZE_URL: `${emulatorUrl}/connect/oauth2`,
    INTUIT_TOKEN_URL: `${emulatorUrl}/oauth2/v1/tokens/bearer`,
    INTUIT_REVOKE_URL: `${emulatorUrl}/v2/oauth2/tokens/revoke`,
    INTUIT_API_BASE: emulatorUrl,
    INTUIT_USERINFO_URL: `${emulatorUrl}/v1/openid_connect/userinfo`,
    INTUIT_CLIENT_ID: localApp.clientId,
    INTUIT_CLIENT_SECRET: localApp.clientSecret,
    INTUIT_WEBHOOK_VERIFIER: localApp.webhookVerifier,
    APP_ORIGIN: appOrigin,
    // Local-only keys: the edge refuses them unless every URL is loopback (docs/secrets.md).
    SESSION_SECRET: localKeys.sessionSecret,
    TOKEN_ENCRYPTION_KEY: localKeys.tokenEncryptionKey,
  }
}

/** `npm start`'s vars: the emulator's, overridden by any of {@link edgeVarNames} set in `env`. */
export function edgeVars(env: NodeJS.ProcessEnv): Record<string, string> {
  const vars = emulatorVars(`http://127.0.0.1:${ports.emulator}`, `http://127.0.0.1:${ports.web}`)
  for (const name of edgeVarNames) {
    const value = env[name]
    if (value !== undefined && value !== '') vars[name] = value
  }
  return vars
}
