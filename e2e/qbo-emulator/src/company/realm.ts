/**
 * One company's writes and reads, independent of HTTP: Id allocation, SyncToken checks and
 * bumps, MetaData stamps from the injected clock, soft delete, delete and void, the knock-on
 * changes of payments on invoices, and a change event after every commit (for webhooks). Records
 * come back as stored, deep-frozen: a change stores a new record, so nothing is ever copied to be safe.
 */
import type { ChangeListener, ChangeOperation, Clock, EntityName, Json } from './types.ts'
import { TRANSACTIONS } from './types.ts'
import type { RealmState, Row, RowFacts } from './state.ts'
import { allocateId, deleteRow, putRow, tombKey } from './state.ts'
import type { Result } from './result.ts'
import { err, ok } from './result.ts'
import { faults } from './faults.ts'
import { cents, isObject, num, str } from './json.ts'
import { formatTimestamp } from './time.ts'
import type { WriteContext } from './rules/context.ts'
import { RULES, WRITABLE } from './rules/index.ts'
import { voidInvoice } from './rules/invoice.ts'
import { voidPayment } from './rules/payment.ts'
import { appliedToInvoice, linkedPaymentIds, paymentApplications } from './rules/applied.ts'
import { unknownField } from './known-fields.ts'

/** Fields a client may send but the server owns. */
const SERVER_FIELDS = ['Id', 'SyncToken', 'MetaData', 'domain', 'sparse', 'status', 'time']

export interface WriteOptions {
  minorVersion?: number
  /** Batch: records created earlier in the same batch, invisible to this item. */
  hidden?: ReadonlySet<string>
  /** Bookkeeper edits in the QuickBooks UI carry no SyncToken of the caller's. */
  skipSyncToken?: boolean
  /** Deleting a paid invoice in the QuickBooks UI unapplies its payments instead of refusing. */
  unlinkPayments?: boolean
  /** `include=allowduplicatedocnum`: take an invoice number already in use. */
  allowDuplicateDocNumber?: boolean
  /** The QuickBooks invoice form fills in the next number even when custom numbers are on. */
  proposeDocNumber?: boolean
}

export interface Realm {
  readonly state: RealmState
  read(entity: EntityName, id: string, opts?: WriteOptions): Result<Json>
  create(entity: EntityName, body: Json, opts?: WriteOptions): Result<Json>
  update(entity: EntityName, body: Json, opts?: WriteOptions & { sparse?: boolean }): Result<Json>
  remove(entity: EntityName, body: Json, opts?: WriteOptions): Result<Json>
  voidTxn(entity: EntityName, body: Json, opts?: WriteOptions): Result<Json>
  /** A change the server makes because of another (a merge re-pointing a record): no rules, no notice of its own. */
  restate(entity: EntityName, id: string, data: Json): Json
  /** A merged-away name: gone from its table, a Deleted stub in CDC, one Merge notice for `survivorId`. */
  retire(entity: EntityName, id: string, survivorId: string): void
}

const stripServerFields = (body: Json): Json => {
  const out = { ...body }
  for (const f of SERVER_FIELDS) delete out[f]
  return out
}

export function createRealm(state: RealmState, clock: Clock, emit: ChangeListener): Realm {
  const ctxFor = (opts: WriteOptions, sent: Json, prev?: Row): WriteContext => ({
    state,
    now: clock.now(),
    minorVersion: opts.minorVersion ?? 75,
    ...(opts.hidden ? { hidden: opts.hidden } : {}),
    ...(opts.allowDuplicateDocNumber ? { allowDuplicateDocNumber: true } : {}),
    ...(opts.proposeDocNumber ? { proposeDocNumber: true } : {}),
    sent: new Set(Object.keys(sent)),
    prevFacts: prev?.facts ?? {},
    facts: {},
  })

  function locate(entity: EntityName, rawId: unknown, opts: WriteOptions = {}): Result<Row> {
    if (rawId === undefined || rawId === null || rawId === '') return err(faults.required('Id'))
    const id = typeof rawId === 'number' ? String(rawId) : str(rawId)
    if (id === undefined || !/^\d+$/.test(id)) return err(faults.invalidId(String(rawId)))
    const row = opts.hidden?.has(tombKey(entity, id)) ? undefined : state.tables[entity].get(id)
    if (row) return ok(row)
    if (state.tombstones.has(tombKey(entity, id)))
      return err(TRANSACTIONS.has(entity) ? faults.deletedTransaction() : faults.notFound(entity, id))
    return err(faults.notFound(entity, id))
  }

  function checkToken(row: Row, body: Json, opts: WriteOptions): Result<true> {
    if (opts.skipSyncToken) return ok(true)
    if (body.SyncToken === undefined || body.SyncToken === null || body.SyncToken === '')
      return err(faults.required('SyncToken'))
    const sent = num(body.SyncToken)
    if (sent === undefined || String(sent) !== str(row.data.SyncToken)) return err(faults.stale())
    return ok(true)
  }

  /** QuickBooks will not change, void or delete a payment a bank deposit holds (§3.4: 6540). */
  function checkDeposit(entity: EntityName, row: Row): Result<true> {
    return entity === 'Payment' && row.facts.deposited ? err(faults.depositedTransaction()) : ok(true)
  }

  /** `facts` undefined: the record keeps the facts it had (knock-on changes such as a new Balance). */
  function commit(
    entity: EntityName,
    id: string,
    data: Json,
    prev: Json | undefined,
    operation: ChangeOperation | null,
    facts?: RowFacts,
  ): Json {
    const now = clock.now()
    const stamp = formatTimestamp(now)
    const prevMeta = isObject(prev?.MetaData) ? prev.MetaData : undefined
    const record: Json = {
      ...data,
      domain: 'QBO',
      sparse: false,
      Id: id,
      SyncToken: prev ? String((num(prev.SyncToken) ?? 0) + 1) : '0',
      MetaData: { CreateTime: prevMeta?.CreateTime ?? stamp, LastUpdatedTime: stamp },
    }
    putRow(state, entity, record, now, facts ?? state.tables[entity].get(id)?.facts)
    if (operation) emit({ realmId: state.realmId, entity, id, operation, lastUpdated: stamp })
    return record
  }

  /** Re-derives Balance and LinkedTxn of every invoice a payment change touched. */
  function settleInvoices(paymentId: string, before: Json | undefined, after: Json | undefined): void {
    const touched = new Set([...paymentApplications(before), ...paymentApplications(after)].map(([id]) => id))
    const stillLinked = new Set(paymentApplications(after).map(([id]) => id))
    for (const invoiceId of touched) {
      const row = state.tables.Invoice.get(invoiceId)
      if (!row) continue
      const others = linkedPaymentIds(row.data).filter((p) => p !== paymentId)
      const links = [...others, ...(stillLinked.has(invoiceId) ? [paymentId] : [])].map((p) => ({
        TxnId: p,
        TxnType: 'Payment',
      }))
      let applied = 0
      for (const link of links) {
        for (const [id, amount] of paymentApplications(state.tables.Payment.get(link.TxnId)?.data))
          if (id === invoiceId) applied = cents(applied + amount)
      }
      const next: Json = { ...row.data, LinkedTxn: links, Balance: cents((num(row.data.TotalAmt) ?? 0) - applied) }
      if (next.Balance !== row.data.Balance || JSON.stringify(next.LinkedTxn) !== JSON.stringify(row.data.LinkedTxn)) {
        commit('Invoice', invoiceId, next, row.data, 'Update')
      }
    }
  }

  /** Unlinks a voided or deleted invoice from the payments that paid it. */
  function unlinkPayments(invoiceId: string, invoice: Json): void {
    for (const paymentId of linkedPaymentIds(invoice)) {
      const row = state.tables.Payment.get(paymentId)
      if (!row) continue
      const lines = (Array.isArray(row.data.Line) ? row.data.Line : []).filter(
        (l) =>
          !(
            isObject(l) &&
            Array.isArray(l.LinkedTxn) &&
            l.LinkedTxn.some((t) => isObject(t) && t.TxnId === invoiceId && t.TxnType === 'Invoice')
          ),
      )
      const applied = lines.reduce((s: number, l) => s + (isObject(l) ? (num(l.Amount) ?? 0) : 0), 0)
      commit(
        'Payment',
        paymentId,
        { ...row.data, Line: lines, UnappliedAmt: cents((num(row.data.TotalAmt) ?? 0) - applied) },
        row.data,
        'Update',
      )
    }
  }

  return {
    state,

    read(entity, id, opts) {
      const row = locate(entity, id, opts)
      return row.ok ? ok(row.value.data) : row
    },

    create(entity, body, opts = {}) {
      const rules = RULES[entity]
      if (!rules || !WRITABLE.has(entity)) return err(faults.unsupportedOperation(`Create ${entity}`))
      const unknown = unknownField(entity, body)
      if (unknown !== undefined) return err(faults.unsupportedProperty(unknown, entity))
      const ctx = ctxFor(opts, body)
      const prepared = rules.prepare(ctx, stripServerFields(body), undefined)
      if (!prepared.ok) return prepared
      const id = allocateId(state, entity)
      const record = commit(entity, id, prepared.value, undefined, 'Create', ctx.facts)
      if (entity === 'Payment') settleInvoices(id, undefined, record)
      return ok(record)
    },

    update(entity, body, opts = {}) {
      const rules = RULES[entity]
      if (!rules || !WRITABLE.has(entity)) return err(faults.unsupportedOperation(`Update ${entity}`))
      const unknown = unknownField(entity, body)
      if (unknown !== undefined) return err(faults.unsupportedProperty(unknown, entity))
      const row = locate(entity, body.Id, opts)
      if (!row.ok) return row
      const token = checkToken(row.value, body, opts)
      if (!token.ok) return token
      const held = checkDeposit(entity, row.value)
      if (!held.ok) return held
      const prev = row.value.data
      const input = opts.sparse ? { ...stripServerFields(prev), ...stripServerFields(body) } : stripServerFields(body)
      const ctx = ctxFor(opts, body, row.value)
      const prepared = rules.prepare(ctx, input, prev)
      if (!prepared.ok) return prepared
      const record = commit(entity, str(prev.Id) ?? '', prepared.value, prev, 'Update', ctx.facts)
      if (entity === 'Payment') settleInvoices(str(prev.Id) ?? '', prev, record)
      return ok(record)
    },

    remove(entity, body, opts = {}) {
      if (!TRANSACTIONS.has(entity)) return err(faults.unsupportedOperation(`Delete ${entity}`))
      const row = locate(entity, body.Id, opts)
      if (!row.ok) return row
      const token = checkToken(row.value, body, opts)
      if (!token.ok) return token
      const held = checkDeposit(entity, row.value)
      if (!held.ok) return held
      const prev = row.value.data
      const id = str(prev.Id) ?? ''
      if (entity === 'Invoice' && opts.unlinkPayments) unlinkPayments(id, prev)
      if (entity === 'Invoice' && appliedToInvoice(state, id) > 0) {
        return err(
          faults.business(
            'This invoice has payments applied to it. Unlink or delete the payments before deleting the invoice.',
            'Id',
          ),
        )
      }
      const now = clock.now()
      deleteRow(state, entity, id)
      state.tombstones.set(tombKey(entity, id), { entity, id, deletedAt: now })
      if (entity === 'Payment') settleInvoices(id, prev, undefined)
      emit({ realmId: state.realmId, entity, id, operation: 'Delete', lastUpdated: formatTimestamp(now) })
      return ok({ domain: 'QBO', status: 'Deleted', Id: id })
    },

    restate(entity, id, data) {
      return commit(entity, id, data, state.tables[entity].get(id)?.data, null)
    },

    retire(entity, id, survivorId) {
      const now = clock.now()
      deleteRow(state, entity, id)
      state.tombstones.set(tombKey(entity, id), { entity, id, deletedAt: now })
      const lastUpdated = formatTimestamp(now)
      emit({ realmId: state.realmId, entity, id: survivorId, operation: 'Merge', deletedId: id, lastUpdated })
    },

    voidTxn(entity, body, opts = {}) {
      if (!TRANSACTIONS.has(entity)) return err(faults.unsupportedOperation(`Void ${entity}`))
      const row = locate(entity, body.Id, opts)
      if (!row.ok) return row
      const token = checkToken(row.value, body, opts)
      if (!token.ok) return token
      const held = checkDeposit(entity, row.value)
      if (!held.ok) return held
      const prev = row.value.data
      const id = str(prev.Id) ?? ''
      if (entity === 'Invoice') {
        unlinkPayments(id, prev)
        const current = state.tables.Invoice.get(id)?.data ?? prev
        return ok(commit('Invoice', id, voidInvoice(current), current, 'Void', {}))
      }
      const record = commit('Payment', id, voidPayment(prev), prev, 'Void')
      settleInvoices(id, prev, record)
      return ok(record)
    },
  }
}
