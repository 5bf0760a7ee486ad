/** The Hono environment shared by the emulator's platform middleware. */
import type { HttpBindings } from '@hono/node-server'
import type { ChaosKind } from './config.ts'
import type { Connection } from './oauth/token-store.ts'

export type EmulatorEnv = {
  /** Present when served by @hono/node-server, absent in-process (`app.request`). */
  Bindings: Partial<HttpBindings>
  Variables: { connection: Connection; chaos: ChaosKind }
}
