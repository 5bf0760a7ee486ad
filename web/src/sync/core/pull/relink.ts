/**
 * Transactions QuickBooks already has, found again at an initial sync (a first connection, or a reconnect after
 * "Clear links"): invoices by DocNumber, customer and total, jobs by parent and name, payments by the key this
 * device wrote into their note. Each becomes a link, so nothing QuickBooks has is created again. A record with a
 * queued edit links with an empty base, so that edit still goes out whole (as a sparse update).
 * @module
 */
import type { Invoice, Job, Mapping, OutboxRow, Payment } from '#shared/domain/index.ts'
import type { QboCustomer, QboInvoice, QboPayment } from '#shared/qbo/index.ts'
import { toCents } from '#shared/money.ts'
import { hasPaymentKey } from '../map/payment.ts'
import { matchInvoices } from '../match-invoices.ts'
import { matchJobs } from '../match-jobs.ts'
import { fieldsOf } from '../settle/fields.ts'

export interface RelinkInput {
  records: { invoices: readonly Invoice[]; payments: readonly Payment[]; jobs: readonly Job[] }
  mappings: readonly Mapping[]
  outbox: readonly Pick<OutboxRow, 'kind' | 'localId'>[]
  /** Local contact id → QuickBooks customer Id: the mappings and this initial sync's links. */
  contactQbo: ReadonlyMap<string, string>
  remote: { customers: readonly QboCustomer[]; invoices: readonly QboInvoice[]; payments: readonly QboPayment[] }
  realmId: string
  at: string
}

export function relink(input: RelinkInput): Mapping[] {
  const linked = new Set(input.mappings.filter((m) => m.status !== 'unlinked').map((m) => `${m.kind}:${m.localId}`))
  const queued = new Set(input.outbox.map((o) => `${o.kind}:${o.localId}`))
  const out: Mapping[] = []
  const link = (kind: Mapping['kind'], rec: { id: string; version: number }, q: { Id: string; SyncToken?: string }) => {
    const touched = queued.has(`${kind}:${rec.id}`)
    out.push({
      kind,
      localId: rec.id as Mapping['localId'],
      qboId: q.Id as Mapping['qboId'],
      realmId: input.realmId,
      syncToken: String(q.SyncToken ?? '0') as Mapping['syncToken'],
      snapshot: touched ? {} : fieldsOf(rec),
      syncedVersion: touched ? 0 : rec.version,
      status: 'synced',
      updatedAt: input.at,
    })
  }
  const live = <T extends { id: string; deletedAt?: string | undefined }>(kind: string, xs: readonly T[]) =>
    xs.filter((x) => x.deletedAt === undefined && !linked.has(`${kind}:${x.id}`))

  // Jobs first: an invoice billed to a job names the job's sub-customer.
  const jobQbo = new Map(
    input.mappings.filter((m) => m.kind === 'job').map((m) => [m.localId as string, m.qboId as string]),
  )
  const subs = input.remote.customers.filter((c) => c.Job === true && c.ParentRef !== undefined)
  const jobs = live('job', input.records.jobs)
  const jobMatch = matchJobs(
    jobs.map((j) => ({ id: j.id, name: j.name, parentQboId: input.contactQbo.get(j.contactId) })),
    subs.map((c) => ({ id: c.Id, name: c.DisplayName, parentQboId: c.ParentRef!.value, active: c.Active ?? true })),
    [],
  )
  const subById = new Map(subs.map((c) => [c.Id as string, c]))
  const jobById = new Map(jobs.map((j) => [j.id as string, j]))
  for (const l of jobMatch.links) {
    link('job', jobById.get(l.localId)!, subById.get(l.qboId)!)
    jobQbo.set(l.localId, l.qboId)
  }

  const invoices = live('invoice', input.records.invoices).filter((i) => i.status !== 'draft')
  const customerOf = (i: Invoice) =>
    (i.jobId !== undefined ? jobQbo.get(i.jobId) : undefined) ?? input.contactQbo.get(i.contactId)
  const remoteById = new Map(input.remote.invoices.map((q) => [q.Id as string, q]))
  const invById = new Map(invoices.map((i) => [i.id as string, i]))
  const invMatch = matchInvoices(
    invoices.map((i) => ({ id: i.id, docNumber: i.number, customerQboId: customerOf(i) })),
    input.remote.invoices.map((q) => ({ id: q.Id, docNumber: q.DocNumber, customerQboId: q.CustomerRef.value })),
    [],
  )
  for (const l of invMatch.links) {
    const local = invById.get(l.localId)!
    const q = remoteById.get(l.qboId)!
    // Same number and customer but another amount is another invoice (an older system's 1001): left alone.
    if (toCents(q.TotalAmt ?? 0) === local.total || local.status === 'void') link('invoice', local, q)
  }

  // The key names the local id: index QuickBooks' payments by it rather than scan them for each payment here.
  const byKey = new Map<string, QboPayment>()
  for (const r of input.remote.payments) {
    for (const line of (r.PrivateNote ?? '').split('\n')) {
      const id = /^Fieldsync payment (\S+)$/.exec(line.trim())?.[1]
      if (id !== undefined && !byKey.has(id)) byKey.set(id, r)
    }
  }
  for (const p of live('payment', input.records.payments)) {
    const q = byKey.get(p.id)
    if (q && hasPaymentKey(q.PrivateNote, p.id)) link('payment', p, q)
  }
  return out
}
