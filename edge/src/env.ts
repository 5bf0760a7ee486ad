import type { RealmGate } from './realm-gate.ts'

/** Bindings of the edge Worker; vars and secrets are listed in wrangler.toml and README.md. */
export interface Env {
  REALM_GATE: DurableObjectNamespace<RealmGate>
}

export interface AppEnv {
  Bindings: Env
}
