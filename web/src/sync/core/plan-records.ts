/**
 * Planning's view of the local data: one entry per record (its reduced record, outbox rows, mapping, link and
 * decision state), in per-kind maps, so deciding a record takes one lookup.
 * @module
 */
import type { SyncKind } from '#shared/domain/index.ts'
import type { PlanInput, RecordRef } from './plan-types.ts'

export const KINDS: readonly SyncKind[] = ['contact', 'job', 'item', 'invoice', 'payment']
export const KIND_ORDER: Readonly<Record<SyncKind, number>> = { contact: 0, job: 1, item: 2, invoice: 3, payment: 4 }

export type Row = PlanInput['outbox'][number]
export type Rec = {
  id: string
  version: number
  deletedAt?: string | undefined
  label: string
  refs: RecordRef[]
  status?: string
}

export const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/**
 * One map per kind, keyed by local id. Joining kind and id into one string key would build (and hash) a
 * new string on every lookup, which dominated planning time at 100,000 records.
 */
export class KindMap<T> {
  private readonly contact = new Map<string, T>()
  private readonly job = new Map<string, T>()
  private readonly item = new Map<string, T>()
  private readonly invoice = new Map<string, T>()
  private readonly payment = new Map<string, T>()
  // A switch keeps the property access monomorphic; `this[kind]` made every lookup a megamorphic one.
  of(kind: SyncKind): Map<string, T> {
    switch (kind) {
      case 'contact':
        return this.contact
      case 'job':
        return this.job
      case 'item':
        return this.item
      case 'invoice':
        return this.invoice
      case 'payment':
        return this.payment
    }
  }
  get(kind: SyncKind, id: string): T | undefined {
    return this.of(kind).get(id)
  }
  has(kind: SyncKind, id: string): boolean {
    return this.of(kind).has(id)
  }
  set(kind: SyncKind, id: string, v: T): void {
    this.of(kind).set(id, v)
  }
}

/** Everything planning knows about one record, gathered so deciding it takes one lookup. */
export interface Entry<O> {
  id: string
  rec?: Rec
  rows?: Row[]
  mapping?: PlanInput['mappings'][number]
  /** Id of the link op (initial sync) that resolves the record, and the QuickBooks Id it links to. */
  link?: string
  linkQboId?: string
  blocked?: boolean
  implicit?: boolean
  outcome?: O
}

export class Entries<O> extends KindMap<Entry<O>> {
  at(kind: SyncKind, id: string): Entry<O> {
    let e = this.get(kind, id)
    if (!e) this.set(kind, id, (e = { id }))
    return e
  }
}

/** Local records by kind, each reduced to what planning needs: label, references, status. */
export function indexRecords<O>(input: PlanInput, out: Entries<O>): void {
  const { records, settings } = input
  // Records are indexed first, into empty maps: one set each, no lookup (a repeated id keeps the last record).
  const put = (kind: SyncKind, r: Rec) => out.set(kind, r.id, { id: r.id, rec: r })
  for (const c of records.contacts)
    put('contact', { id: c.id, version: c.version, deletedAt: c.deletedAt, label: c.displayName, refs: NO_REFS })
  for (const i of records.items)
    put('item', { id: i.id, version: i.version, deletedAt: i.deletedAt, label: i.name, refs: NO_REFS })
  for (const j of records.jobs ?? []) {
    put('job', {
      id: j.id,
      version: j.version,
      deletedAt: j.deletedAt,
      label: j.name,
      refs: [{ kind: 'contact', localId: j.contactId }],
    })
  }
  for (const inv of records.invoices) {
    // With sub-customer jobs on, an invoice for a job is billed to the job's sub-customer.
    const customer: RecordRef =
      settings.subCustomerJobs && inv.jobId !== undefined
        ? { kind: 'job', localId: inv.jobId }
        : { kind: 'contact', localId: inv.contactId }
    const items: string[] = []
    for (const l of inv.lines) if (l.itemId !== undefined && !items.includes(l.itemId)) items.push(l.itemId)
    items.sort(cmp)
    put('invoice', {
      id: inv.id,
      version: inv.version,
      deletedAt: inv.deletedAt,
      status: inv.status,
      label: inv.number === undefined ? 'Invoice (no number)' : `Invoice ${inv.number}`,
      refs: [customer, ...items.map((localId): RecordRef => ({ kind: 'item', localId }))],
    })
  }
  for (const p of records.payments) {
    const invoices: string[] = []
    for (const a of p.applications) if (!invoices.includes(a.invoiceId)) invoices.push(a.invoiceId)
    invoices.sort(cmp)
    put('payment', {
      id: p.id,
      version: p.version,
      deletedAt: p.deletedAt,
      label: `Payment of ${p.date}`,
      refs: [
        { kind: 'contact', localId: p.contactId },
        ...invoices.map((localId): RecordRef => ({ kind: 'invoice', localId })),
      ],
    })
  }
}

/** Shared by every op that references nothing; frozen, so no caller can change it for all the others. */
export const NO_REFS = Object.freeze([]) as unknown as RecordRef[]

/** Manual export: an invoice or payment not sent before waits until it is picked for this run. */
export function awaitsApproval(
  input: Pick<PlanInput, 'settings' | 'approved'>,
  kind: SyncKind,
  localId: string,
  sent: boolean,
): boolean {
  if (input.settings.exportMode !== 'manual' || sent) return false
  return (kind === 'invoice' || kind === 'payment') && input.approved?.has(`${kind}:${localId}`) !== true
}
