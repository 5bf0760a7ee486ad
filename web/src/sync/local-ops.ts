/**
 * What a plan settles without a QuickBooks call: `link` (record the mapping a match found), `pull` (create here a
 * QuickBooks customer or item nothing local matched), and the rows it found nothing to send for. Pure:
 * settlements out, committed by the runner.
 * @module
 */
import type { SyncPlan } from './core/plan-types.ts'
import { ENTITY_OF } from './core/index.ts'
import { fieldsFromQbo } from './read-back.ts'
import type { QboEntity, Settlement } from './ports.ts'
import type { Ctx } from './run-context.ts'
import { key } from './run-context.ts'
import { linkSettlement } from './core/index.ts'

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

export function localSettlements(plan: SyncPlan, ctx: Ctx & { now: () => string; uuid: () => string }): {
  settlements: Settlement[]; ok: string[]; linked: number; pulled: number
} {
  const settlements: Settlement[] = []
  const ok: string[] = []
  let linked = 0, pulled = 0
  for (const op of plan.ops) {
    if (op.action !== 'link' && op.action !== 'pull') continue
    const entity = op.qboId === undefined ? undefined : ctx.remote?.get(`${ENTITY_OF[op.kind]}:${op.qboId}`)
    if (op.action === 'link') {
      const record = ctx.records.get(key(op.kind, op.localId ?? ''))
      if (!record || op.qboId === undefined) continue
      settlements.push(linkSettlement({ kind: op.kind, localId: record.id, label: op.label, entity: entity ?? { Id: op.qboId, SyncToken: op.syncToken ?? '0' },
        record, realmId: ctx.realmId, at: ctx.now(), snapshot: linkBase(op.kind, record, entity) }))
      ok.push(op.id)
      linked++
      continue
    }
    if (!entity || (op.kind !== 'contact' && op.kind !== 'item')) continue
    const fields = fieldsFromQbo(op.kind, entity)
    if (!fields) continue
    const record = { ...fields, id: ctx.uuid(), version: 1, updatedAt: ctx.now() }
    const s = linkSettlement({ kind: op.kind, localId: record.id, label: op.label, entity, record, realmId: ctx.realmId, at: ctx.now() })
    ctx.records.set(key(op.kind, record.id), record as never)
    settlements.push({ ...s, records: [{ kind: op.kind, record }],
      log: s.log.map((l) => ({ ...l, direction: 'pull' as const, status: 'synced' as const, details: `Created here from QuickBooks (Id ${entity.Id})` })) })
    ok.push(op.id)
    pulled++
  }
  return { settlements, ok, linked, pulled }
}

/**
 * The rows of records with nothing to send: QuickBooks holds their version already (`up-to-date`), or they were
 * deleted before they ever reached it (`never-synced`). The plan may come from an earlier snapshot than the run's,
 * so each row is checked again against the run's own (an edit may have moved it on in between), and the store
 * deletes it only while it holds that version (an edit landing later still goes). A claimed never-synced row
 * stays: its create went out with an unknown outcome, so QuickBooks may hold the record, and forgetting the row
 * would forget that.
 */
export function nothingToSend(plan: SyncPlan, ctx: Pick<Ctx, 'rows' | 'records' | 'mappings'>): Settlement | undefined {
  const done: { seq: number; version: number }[] = []
  for (const s of plan.skipped) {
    if (s.reason !== 'up-to-date' && s.reason !== 'never-synced') continue
    const mapping = ctx.mappings.get(key(s.kind, s.localId))
    const record = ctx.records.get(key(s.kind, s.localId))
    for (const seq of s.outboxSeqs) {
      const row = ctx.rows.get(seq)
      if (!row) continue
      const idle = s.reason === 'up-to-date'
        ? mapping !== undefined && mapping.syncedVersion >= row.version
        : row.batchId === undefined && mapping === undefined && record?.deletedAt !== undefined
      if (idle) done.push({ seq, version: row.version })
    }
  }
  return done.length > 0 ? { doneSeqs: [], doneIfUnchanged: done, log: [] } : undefined
}
