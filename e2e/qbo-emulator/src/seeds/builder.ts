/**
 * Builds a company the way its history would have: every record goes through the same rules
 * as API writes, at emulator times that step forward from a fixed start, so a seed is
 * deterministic and its invoices' totals, balances and DocNumbers are exactly the server's.
 */
import type { CompanySnapshot, EntityName, Json } from '../company/types.ts'
import type { Result } from '../company/result.ts'
import { createManualClock } from '../clock.ts'
import { createRealm } from '../company/realm.ts'
import { allocateId, createState, putRow } from '../company/state.ts'
import { toSnapshot } from '../company/snapshot.ts'
import { formatTimestamp } from '../company/time.ts'

export interface SeedBuilder {
  /** Stores a record that clients cannot write (tax codes, vendors, accounts) with a fresh Id. */
  put(entity: EntityName, record: Json): string
  create(entity: EntityName, body: Json): string
  edit(entity: EntityName, id: string, patch: Json): void
  voidTxn(entity: EntityName, id: string): void
  remove(entity: EntityName, id: string): void
  /** The stored record (not a copy: read only). */
  peek(entity: EntityName, id: string): Json | undefined
  /** Moves the seed's clock forward. */
  wait(ms: number): void
  /** Moves the seed's clock forward to `ms` (never back), so records are stamped near their TxnDate. */
  advanceTo(ms: number): void
  /**
   * Rewrites stored fields as given, bypassing the rules: data QuickBooks holds from older days or imports that
   * today's API would refuse or tidy (a DisplayName with stray spaces). SyncToken and MetaData move as for an edit.
   */
  verbatim(entity: EntityName, id: string, patch: Json): void
  snapshot(): CompanySnapshot
}

function must<T>(r: Result<T>, what: string): T {
  if (!r.ok) throw new Error(`seed: ${what}: ${r.error.errors.map((e) => `${e.code} ${e.detail}`).join('; ')}`)
  return r.value
}

export function createSeedBuilder(
  realmId: string,
  companyInfo: Json,
  preferences: Json,
  startMs: number,
  stepMs = 60_000,
): SeedBuilder {
  const clock = createManualClock(startMs)
  const state = createState(realmId, companyInfo, preferences)
  const realm = createRealm(state, clock, () => {})
  const tick = () => clock.advance(stepMs)
  const token = (entity: EntityName, id: string) => state.tables[entity].get(id)?.data.SyncToken
  return {
    put(entity, record) {
      tick()
      const id = allocateId(state, entity)
      const stamp = formatTimestamp(clock.now())
      putRow(
        state,
        entity,
        {
          ...record,
          domain: 'QBO',
          sparse: false,
          Id: id,
          SyncToken: '0',
          MetaData: { CreateTime: stamp, LastUpdatedTime: stamp },
        },
        clock.now(),
      )
      return id
    },
    create(entity, body) {
      tick()
      return String(must(realm.create(entity, body), `create ${entity}`).Id)
    },
    edit(entity, id, patch) {
      tick()
      must(
        realm.update(entity, { ...patch, Id: id, SyncToken: token(entity, id) }, { sparse: true }),
        `edit ${entity} ${id}`,
      )
    },
    voidTxn(entity, id) {
      tick()
      must(realm.voidTxn(entity, { Id: id, SyncToken: token(entity, id) }), `void ${entity} ${id}`)
    },
    remove(entity, id) {
      tick()
      must(realm.remove(entity, { Id: id, SyncToken: token(entity, id) }), `delete ${entity} ${id}`)
    },
    peek: (entity, id) => state.tables[entity].get(id)?.data,
    wait: (ms) => clock.advance(ms),
    advanceTo: (ms) => clock.advance(Math.max(0, ms - clock.now())),
    verbatim(entity, id, patch) {
      tick()
      const prev = state.tables[entity].get(id)?.data
      if (!prev) throw new Error(`seed: verbatim ${entity} ${id}: no such record`)
      const stamp = formatTimestamp(clock.now())
      const meta = prev.MetaData as Json
      putRow(
        state,
        entity,
        {
          ...prev,
          ...patch,
          SyncToken: String(Number(prev.SyncToken) + 1),
          MetaData: { ...meta, LastUpdatedTime: stamp },
        },
        clock.now(),
      )
    },
    snapshot: () => toSnapshot(state),
  }
}
