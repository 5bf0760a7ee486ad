// The edge's vars for local runs: the emulator's endpoints and local-only secrets, unless the
// environment names other ones (Intuit's sandbox, or any QuickBooks-compatible server).
// Every name is documented in edge/.dev.vars.example.
import { ports } from './ports.ts'

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
  'TOKEN_ENCRYPTION_KEY',
  'QBO_MINOR_VERSION',
  'PACER_REQUESTS_PER_MINUTE',
  'PACER_BATCH_PER_MINUTE',
  'PACER_MAX_IN_FLIGHT',
  'PACER_TIME_SCALE',
  'PACER_MAX_WAIT_MS',
  'TOKEN_REFRESH_MARGIN_SECONDS',
  'SESSION_TTL_SECONDS',
] as const

/** The emulator's registered local app (e2e/qbo-emulator config defaults) and its webhook verifier. */
export const localApp = {
  clientId: 'fieldsync-local',
  clientSecret: 'fieldsync-local-secret',
  webhookVerifier: 'fieldsync-local-webhook-verifier',
} as const

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
    // Local-only keys: nothing they protect leaves this machine.
    SESSION_SECRET: 'fieldsync-local-session-secret-not-for-deployment',
    TOKEN_ENCRYPTION_KEY: 'fieldsync-local-token-key-not-for-deployment',
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
