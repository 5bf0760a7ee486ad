/**
 * @module
 * Decides, per request, whether chaos strikes and how: 500, 503, 429, a stall, or "apply the write,
 * then drop the connection" (the case that makes naive clients create duplicates). One seeded stream
 * per realm, so one company's traffic does not change another's faults. Off unless configured.
 */
import { ChaosConfigSchema, type ChaosConfig, type ChaosKind } from '../config.ts'
import { hash32, mulberry32, type Random } from './prng.ts'

export interface Chaos {
  decide(realmId: string, request: { write: boolean }): ChaosKind | null
  configFor(realmId: string): ChaosConfig
  defaults(): ChaosConfig
  /** Set the config for every realm, or for one; either restarts the affected streams from their seed. */
  configure(config: ChaosConfig, realmId?: string): void
  clearOverride(realmId: string): void
  overrides(): Record<string, ChaosConfig>
}

export const chaosOff: ChaosConfig = ChaosConfigSchema.parse({})

export function createChaos(initial: ChaosConfig = chaosOff): Chaos {
  let base = initial
  const perRealm = new Map<string, ChaosConfig>()
  const streams = new Map<string, Random>()
  const configFor = (realmId: string) => perRealm.get(realmId) ?? base
  const streamFor = (realmId: string) => {
    let r = streams.get(realmId)
    if (r === undefined) streams.set(realmId, (r = mulberry32(hash32(`${configFor(realmId).seed}:${realmId}`))))
    return r
  }
  return {
    decide(realmId, { write }) {
      const cfg = configFor(realmId)
      if (cfg.probability === 0) return null
      const rand = streamFor(realmId)
      // Always draw twice so a request's outcome depends only on its position in the realm's sequence.
      const strike = rand() < cfg.probability
      const pick = rand()
      if (!strike) return null
      const kinds = write ? cfg.kinds : cfg.kinds.filter((k) => k !== 'dropAfterWrite')
      if (kinds.length === 0) return null
      return kinds[Math.floor(pick * kinds.length)]!
    },
    configFor,
    defaults: () => base,
    configure(config, realmId) {
      if (realmId === undefined) {
        base = config
        streams.clear()
      } else {
        perRealm.set(realmId, config)
        streams.delete(realmId)
      }
    },
    clearOverride(realmId) {
      perRealm.delete(realmId)
      streams.delete(realmId)
    },
    overrides: () => Object.fromEntries(perRealm),
  }
}
