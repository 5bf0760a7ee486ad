/**
 * Customers and sub-customers from QuickBooks. A linked customer merges 3-way; an active one nothing here is
 * linked to is created here. A sub-customer (`Job: true`) is a job of its parent's contact: created here when the
 * parent is linked, renamed and closed (inactive → cancelled) as QuickBooks changes it.
 * @module
 */
import type { Contact, Job, Mapping } from '#shared/domain/index.ts'
import { contactFieldsOf, itemFieldsOf } from '../map/read-back.ts'
import { fieldsOf } from '../settle/fields.ts'
import { linkSettlement } from '../settle/link.ts'
import type { QboEntity, Settlement } from '../settle/types.ts'
import { mergeInto } from './merge-fields.ts'
import { refreshed, type FoldState } from './state.ts'

export function foldCustomer(state: FoldState, c: QboEntity): void {
  if (c['Job'] === true) return parentOf(c) === undefined ? undefined : foldJob(state, c)
  const m = state.linkOf('contact', String(c.Id))
  if (m) return state.emit(mergeInto(state, m, c, 'contact'))
  if (c['Active'] === false) return
  const fields = contactFieldsOf(c)
  if (!fields.ok) return
  const record: Contact = {
    ...fields.value,
    id: state.ctx.newId() as Contact['id'],
    version: 1,
    updatedAt: state.ctx.at,
  }
  state.emit(createdHere(state, 'contact', record, record.displayName, c), true)
}

export function foldItem(state: FoldState, i: QboEntity): void {
  const m = state.linkOf('item', String(i.Id))
  if (m) return state.emit(mergeInto(state, m, i, 'item'))
  if (i['Active'] === false) return
  const fields = itemFieldsOf(i)
  if (!fields.ok) return // a category or bundle: not a line an invoice here can carry
  const record = { ...fields.value, id: state.ctx.newId(), version: 1, updatedAt: state.ctx.at }
  state.emit(createdHere(state, 'item', record, record.name, i), true)
}

const parentOf = (c: QboEntity) => (c['ParentRef'] as { value?: string } | undefined)?.value

/** The contact a QuickBooks customer stands for here: its own, or its parent's when it is a job. */
export function contactOf(state: FoldState, qboId: string): { contactId: string; jobId?: string } | undefined {
  const contact = state.localIdOf('contact', qboId)
  if (contact) return { contactId: contact }
  const jobId = state.localIdOf('job', qboId)
  const job = jobId ? state.record('job', jobId) : undefined
  return job ? { contactId: job.contactId, jobId: job.id } : undefined
}

function foldJob(state: FoldState, c: QboEntity): void {
  const name = String(c['DisplayName'] ?? '').trim()
  const active = c['Active'] !== false
  const m = state.linkOf('job', String(c.Id))
  if (m) {
    const local = state.record('job', m.localId)
    if (!local || String(c.SyncToken) === String(m.syncToken) || state.pending('job', local.id)) return
    const status = active ? (local.status === 'cancelled' ? 'open' : local.status) : 'cancelled'
    const next: Job = { ...local, name: name || local.name, status }
    const what = active ? `Updated from QuickBooks: ${name}` : 'Made inactive in QuickBooks'
    const log = [state.row('job', local.id, m.qboId, next.name, what)]
    return state.emit(refreshed(m, 'job', next, c.SyncToken, state.ctx.at, fieldsOf(next), log))
  }
  const parent = contactOf(state, parentOf(c) ?? '')
  if (!active || !parent || name === '') return
  const record: Job = {
    id: state.ctx.newId() as Job['id'],
    version: 1,
    updatedAt: state.ctx.at,
    contactId: parent.contactId as Job['contactId'],
    name: name.slice(0, 100),
    status: 'open',
  }
  state.emit(createdHere(state, 'job', record, record.name, c), true)
}

/** A QuickBooks record nothing here is linked to: created here and linked, logged as a pull. */
export function createdHere(
  state: FoldState,
  kind: Mapping['kind'],
  record: { id: string; version: number },
  label: string,
  entity: QboEntity,
  snapshot?: Record<string, unknown>,
): Settlement {
  const s = linkSettlement({
    kind,
    localId: record.id,
    label,
    entity,
    record,
    realmId: state.ctx.realmId,
    at: state.ctx.at,
    ...(snapshot ? { snapshot } : {}),
  })
  const details = `Created here from QuickBooks (Id ${String(entity.Id)})`
  return {
    ...s,
    records: [{ kind, record: record as unknown as Record<string, unknown> }],
    log: s.log.map((l) => ({ ...l, direction: 'pull' as const, status: 'synced' as const, details })),
  }
}
