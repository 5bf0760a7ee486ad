import type { Env as AppBindings } from '../src/env.ts'

declare global {
  namespace Cloudflare {
    interface Env extends AppBindings {
      /** Test-only: the emulator edge/test/node/global-setup.ts started. */
      EMULATOR_URL: string
      SESSION_SECRET: string
      SESSION_SECRET_PREVIOUS: string
      TOKEN_ENCRYPTION_KEY_PREVIOUS: string
      INTUIT_WEBHOOK_VERIFIER: string
      APP_ORIGIN: string
    }
  }
}
