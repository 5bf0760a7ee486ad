/**
 * What a plan settles without a QuickBooks call: `link` (record the mapping a match found), `pull` (create here a
 * QuickBooks customer or item nothing local matched), and the rows it found nothing to send for.
 * @module
 */
import type { Mapping, OutboxRow } from '#shared/domain/index.ts'
import { fieldsFromQbo } from '../map/read-back.ts'
import { ENTITY_OF, type LocalRecord } from '../map/request.ts'
import type { SyncPlan } from '../plan-types.ts'
import { recordKey } from '../record-key.ts'
import { linkSettlement } from './link.ts'
import type { QboEntity, Settlement } from './types.ts'

/**
 * The merge base of a fresh link: QuickBooks' values of the fields this record has. A queued edit then sends
 * only the fields where this device's value differs, and a field empty here is neither sent nor cleared there
 * (a later pull brings it in, since QuickBooks changed it relative to this base).
 */
function linkBase(kind: string, record: object, entity: QboEntity | undefined): Record<string, unknown> | undefined {
  const theirs = entity ? fieldsFromQbo(kind, entity) : undefined
  if (!theirs) return undefined
  const mine = record as Record<string, unknown>
  return Object.fromEntries(Object.entries(theirs).filter(([k]) => mine[k] !== undefined))
}

export interface LocalOpsInput {
  /** The run's records, by `recordKey`. */
  records: ReadonlyMap<string, LocalRecord>
  /** QuickBooks records pulled before planning, keyed `Entity:Id`. */
  remote?: ReadonlyMap<string, QboEntity> | undefined
  realmId: string
  at: string
  /** An id for each record created here. */
  newId: () => string
}

export interface LocalOps {
  settlements: Settlement[]
  /** Ops done (their dependents may go). */
  ok: string[]
  linked: number
  pulled: number
  /** Records created here from QuickBooks, by `recordKey`. */
  created: [string, LocalRecord][]
}

export function localSettlements(plan: SyncPlan, ctx: LocalOpsInput): LocalOps {
  const settlements: Settlement[] = []
  const created: [string, LocalRecord][] = []
  const ok: string[] = []
  let linked = 0,
    pulled = 0
  for (const op of plan.ops) {
    if (op.action !== 'link' && op.action !== 'pull') continue
    const entity = op.qboId === undefined ? undefined : ctx.remote?.get(`${ENTITY_OF[op.kind]}:${op.qboId}`)
    if (op.action === 'link') {
      const record = ctx.records.get(recordKey(op.kind, op.localId ?? ''))
      if (!record || op.qboId === undefined) continue
      settlements.push(
        linkSettlement({
          kind: op.kind,
          localId: record.id,
          label: op.label,
          entity: entity ?? { Id: op.qboId, SyncToken: op.syncToken ?? '0' },
          record,
          realmId: ctx.realmId,
          at: ctx.at,
          snapshot: linkBase(op.kind, record, entity),
        }),
      )
      ok.push(op.id)
      linked++
      continue
    }
    if (!entity || (op.kind !== 'contact' && op.kind !== 'item')) continue
    const fields = fieldsFromQbo(op.kind, entity)
    if (!fields) continue
    const record = { ...fields, id: ctx.newId(), version: 1, updatedAt: ctx.at }
    const s = linkSettlement({
      kind: op.kind,
      localId: record.id,
      label: op.label,
      entity,
      record,
      realmId: ctx.realmId,
      at: ctx.at,
    })
    created.push([recordKey(op.kind, record.id), record as unknown as LocalRecord])
    const details = `Created here from QuickBooks (Id ${entity.Id})`
    settlements.push({
      ...s,
      records: [{ kind: op.kind, record }],
      log: s.log.map((l) => ({ ...l, direction: 'pull' as const, status: 'synced' as const, details })),
    })
    ok.push(op.id)
    pulled++
  }
  return { settlements, ok, linked, pulled, created }
}

/**
 * The rows of records with nothing to send: QuickBooks holds their version already (`up-to-date`), or they were
 * deleted before they ever reached it (`never-synced`). The plan may come from an earlier snapshot than the run's,
 * so each row is checked again against the run's own (an edit may have moved it on in between), and the store
 * deletes it only while it holds that version (an edit landing later still goes). A claimed never-synced row
 * stays: its create went out with an unknown outcome, so QuickBooks may hold the record, and forgetting the row
 * would forget that.
 */
export interface RunRows {
  rows: ReadonlyMap<number, OutboxRow>
  records: ReadonlyMap<string, LocalRecord>
  mappings: ReadonlyMap<string, Mapping>
}

export function nothingToSend(plan: SyncPlan, ctx: RunRows): Settlement | undefined {
  const done: { seq: number; version: number }[] = []
  for (const s of plan.skipped) {
    if (s.reason !== 'up-to-date' && s.reason !== 'never-synced') continue
    const mapping = ctx.mappings.get(recordKey(s.kind, s.localId))
    const record = ctx.records.get(recordKey(s.kind, s.localId))
    for (const seq of s.outboxSeqs) {
      const row = ctx.rows.get(seq)
      if (!row) continue
      const idle =
        s.reason === 'up-to-date'
          ? mapping !== undefined && mapping.syncedVersion >= row.version
          : row.batchId === undefined && mapping === undefined && record?.deletedAt !== undefined
      if (idle) done.push({ seq, version: row.version })
    }
  }
  return done.length > 0 ? { doneSeqs: [], doneIfUnchanged: done, log: [] } : undefined
}
