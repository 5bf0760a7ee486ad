/**
 * @module
 * Registered apps, like the Keys tab of Intuit's developer portal: client id and secret, the exact
 * redirect URIs allowed, and the Webhooks page's endpoint and verifier token.
 */
import {
  AppRegistrationSchema,
  type AppRegistration,
  type AppRegistrationInput,
  type WebhookConfig,
} from '../config.ts'

export interface AppRegistry {
  get(clientId: string): AppRegistration | undefined
  list(): AppRegistration[]
  register(app: AppRegistrationInput): AppRegistration
  setWebhook(clientId: string, webhook: WebhookConfig | undefined): boolean
}

export function createAppRegistry(initial: AppRegistrationInput[]): AppRegistry {
  const apps = new Map<string, AppRegistration>()
  const registry: AppRegistry = {
    get: (clientId) => apps.get(clientId),
    list: () => [...apps.values()],
    register(input) {
      const app = AppRegistrationSchema.parse(input)
      apps.set(app.clientId, app)
      return app
    },
    setWebhook(clientId, webhook) {
      const app = apps.get(clientId)
      if (app === undefined) return false
      const { webhook: _old, ...rest } = app
      apps.set(clientId, webhook === undefined ? rest : { ...rest, webhook })
      return true
    },
  }
  for (const app of initial) registry.register(app)
  return registry
}

/** Constant-time comparison, so the emulator does not model a timing oracle Intuit would not have. */
export function secretsEqual(a: string, b: string): boolean {
  const ea = new TextEncoder().encode(a)
  const eb = new TextEncoder().encode(b)
  let diff = ea.length ^ eb.length
  for (let i = 0; i < Math.max(ea.length, eb.length); i++) diff |= (ea[i] ?? 0) ^ (eb[i] ?? 0)
  return diff === 0
}
