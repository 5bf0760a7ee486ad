/**
 * One company's in-memory state: tables of wire records, deletion stubs for CDC, the
 * indexes Intuit's uniqueness rules need (so a 10,000-customer seed stays fast), and the
 * remembered answers for `requestid` replay.
 */
import type { EntityName, Json } from './types.ts'
import { ENTITY_NAMES } from './types.ts'
import { deepFreeze, str } from './json.ts'

export interface Row {
  data: Json
  /** Exact ms of the last change; `MetaData` only keeps seconds. */
  updatedAt: number
  facts: RowFacts
}

/** What the server knows about a record beyond its wire JSON (and so never sent to clients). */
export interface RowFacts {
  /** Invoice: `TxnTaxDetail.TotalTax` is the amount a client sent, to be kept until a write sends tax again. */
  taxSetByApp?: true
  /** Payment: a bank deposit holds it, so QuickBooks refuses to change, void or delete it (6540). */
  deposited?: true
}

export interface Tombstone {
  entity: EntityName
  id: string
  deletedAt: number
}

export interface StoredResponse {
  status: number
  body: unknown
}

export interface RememberedRequest {
  response: StoredResponse
  /** Emulator time it was first answered. */
  at: number
}

export interface RealmState {
  realmId: string
  companyInfo: Json
  preferences: Json
  tables: Record<EntityName, Map<string, Row>>
  tombstones: Map<string, Tombstone>
  nextId: Record<EntityName, number>
  /** DisplayName (case-folded) → holder, shared by Customer, Vendor and Employee. */
  displayNames: Map<string, { entity: EntityName; id: string }>
  /** Item Name (case-folded) → Id. */
  itemNames: Map<string, string>
  /** Invoice DocNumber → Ids holding it (more than one where the company took a duplicate). */
  docNumbers: Map<string, Set<string>>
  /**
   * Next number QuickBooks hands out: one past the highest numeric DocNumber an invoice was created with.
   * A number set by an update does not move it (invoice reference: "does not alter the internal system DocNumber").
   */
  nextDocNumber: number
  /** Bumped on every change to an entity's table; what derived data (query results) is checked against. */
  versions: Record<EntityName, number>
  /** Oldest first (insertion order), so expired ids are swept from the front. */
  requestIds: Map<string, RememberedRequest>
}

export const tombKey = (entity: EntityName, id: string) => `${entity}:${id}`

export const foldName = (name: string) => name.trim().toLowerCase()

export function emptyTables(): Record<EntityName, Map<string, Row>> {
  return Object.fromEntries(ENTITY_NAMES.map((e) => [e, new Map<string, Row>()])) as Record<
    EntityName,
    Map<string, Row>
  >
}

export function createState(realmId: string, companyInfo: Json, preferences: Json): RealmState {
  return {
    realmId,
    companyInfo,
    preferences,
    tables: emptyTables(),
    tombstones: new Map(),
    nextId: Object.fromEntries(ENTITY_NAMES.map((e) => [e, 1])) as Record<EntityName, number>,
    versions: Object.fromEntries(ENTITY_NAMES.map((e) => [e, 0])) as Record<EntityName, number>,
    displayNames: new Map(),
    itemNames: new Map(),
    docNumbers: new Map(),
    nextDocNumber: 1001,
    requestIds: new Map(),
  }
}

const NAMESPACED: ReadonlySet<EntityName> = new Set(['Customer', 'Vendor', 'Employee'])

/** Keeps the uniqueness indexes in step with a record being stored or replaced. */
export function reindex(state: RealmState, entity: EntityName, prev: Json | undefined, next: Json | undefined): void {
  if (NAMESPACED.has(entity)) {
    const before = str(prev?.DisplayName)
    if (before) state.displayNames.delete(foldName(before))
    const after = str(next?.DisplayName)
    const id = str(next?.Id)
    if (after && id) state.displayNames.set(foldName(after), { entity, id })
  } else if (entity === 'Item') {
    const before = str(prev?.Name)
    if (before) state.itemNames.delete(foldName(before))
    const after = str(next?.Name)
    const id = str(next?.Id)
    if (after && id) state.itemNames.set(foldName(after), id)
  } else if (entity === 'Invoice') {
    const id = str(next?.Id) ?? str(prev?.Id)
    const before = str(prev?.DocNumber)
    if (before && id) {
      const holders = state.docNumbers.get(before)
      holders?.delete(id)
      if (holders?.size === 0) state.docNumbers.delete(before)
    }
    const after = str(next?.DocNumber)
    if (after && id) {
      const holders = state.docNumbers.get(after) ?? new Set<string>()
      state.docNumbers.set(after, holders.add(id))
      if (!prev && /^\d{1,15}$/.test(after) && Number(after) >= state.nextDocNumber)
        state.nextDocNumber = Number(after) + 1
    }
  }
}

/** Stores a record as given and advances the Id sequence past it. */
export function putRow(
  state: RealmState,
  entity: EntityName,
  data: Json,
  updatedAt: number,
  facts: RowFacts = {},
): void {
  const id = str(data.Id)
  if (!id) return
  const table = state.tables[entity]
  reindex(state, entity, table.get(id)?.data, data)
  table.set(id, { data: deepFreeze(data), updatedAt, facts })
  state.versions[entity]++
  const n = Number(id)
  if (Number.isInteger(n) && n >= state.nextId[entity]) state.nextId[entity] = n + 1
}

/** Removes a record (a deleted transaction) from its table. */
export function deleteRow(state: RealmState, entity: EntityName, id: string): void {
  const prev = state.tables[entity].get(id)?.data
  if (!state.tables[entity].delete(id)) return
  reindex(state, entity, prev, undefined)
  state.versions[entity]++
}

/**
 * QuickBooks numbers customers, vendors and employees from one sequence (they are all
 * "names"), and invoices and payments from another (transactions, hence LinkedTxn's TxnId).
 */
const SEQUENCE: Partial<Record<EntityName, EntityName[]>> = {
  Customer: ['Customer', 'Vendor', 'Employee'],
  Vendor: ['Customer', 'Vendor', 'Employee'],
  Employee: ['Customer', 'Vendor', 'Employee'],
  Invoice: ['Invoice', 'Payment'],
  Payment: ['Invoice', 'Payment'],
}

export function allocateId(state: RealmState, entity: EntityName): string {
  const group = SEQUENCE[entity] ?? [entity]
  const id = Math.max(...group.map((e) => state.nextId[e]))
  for (const e of group) state.nextId[e] = id + 1
  return String(id)
}
