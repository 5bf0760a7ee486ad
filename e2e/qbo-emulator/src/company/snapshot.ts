/** A company's whole state as JSON, and back: what the admin API reads and seeds. */
import type { CompanySnapshot, EntityName, Json } from './types.ts'
import { ENTITY_NAMES } from './types.ts'
import type { RealmState } from './state.ts'
import { createState, putRow, tombKey } from './state.ts'
import { clone, isObject, str } from './json.ts'
import { formatTimestamp, parseTimestamp } from './time.ts'

const byNumericId = (a: Json, b: Json) => Number(a.Id) - Number(b.Id)

export function toSnapshot(state: RealmState): CompanySnapshot {
  const entities: CompanySnapshot['entities'] = {}
  for (const entity of ENTITY_NAMES) {
    const rows = [...state.tables[entity].values()].map((r) => clone(r.data)).sort(byNumericId)
    if (rows.length) entities[entity] = rows
  }
  const deleted = [...state.tombstones.values()].map((t) => ({
    entity: t.entity,
    Id: t.id,
    LastUpdatedTime: formatTimestamp(t.deletedAt),
  }))
  const taxSetByApp = [...state.tables.Invoice].filter(([, r]) => r.facts.taxSetByApp).map(([id]) => id)
  const depositedPayments = [...state.tables.Payment].filter(([, r]) => r.facts.deposited).map(([id]) => id)
  return {
    realmId: state.realmId,
    companyInfo: clone(state.companyInfo),
    preferences: clone(state.preferences),
    entities,
    deleted,
    ...(taxSetByApp.length ? { taxSetByApp } : {}),
    ...(depositedPayments.length ? { depositedPayments } : {}),
  }
}

function lastUpdated(record: Json): number {
  const meta = isObject(record.MetaData) ? record.MetaData : {}
  return parseTimestamp(str(meta.LastUpdatedTime) ?? '') ?? 0
}

/**
 * Builds a fresh state holding exactly the snapshot's records (verbatim: no rules applied).
 * `owned`: the snapshot was built for this state alone, so its records need no copy.
 */
export function fromSnapshot(realmId: string, snap: CompanySnapshot, owned = false): RealmState {
  const copy = owned ? <T>(v: T) => v : clone
  const state = createState(realmId, copy(snap.companyInfo), copy(snap.preferences))
  state.companyInfo.Id = str(state.companyInfo.Id) ?? '1'
  for (const [entity, rows] of Object.entries(snap.entities) as [EntityName, Json[]][]) {
    for (const row of rows) putRow(state, entity, copy(row), lastUpdated(row))
  }
  for (const id of snap.taxSetByApp ?? []) {
    const row = state.tables.Invoice.get(id)
    if (row) row.facts = { taxSetByApp: true }
  }
  for (const id of snap.depositedPayments ?? []) {
    const row = state.tables.Payment.get(id)
    if (row) row.facts = { ...row.facts, deposited: true }
  }
  for (const d of snap.deleted) {
    state.tombstones.set(tombKey(d.entity, d.Id), {
      entity: d.entity,
      id: d.Id,
      deletedAt: parseTimestamp(d.LastUpdatedTime) ?? 0,
    })
    const n = Number(d.Id)
    if (Number.isInteger(n) && n >= state.nextId[d.entity]) state.nextId[d.entity] = n + 1
  }
  return state
}
