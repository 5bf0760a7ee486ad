/**
 * From the outbox, the mappings and (on an initial sync) the matching results, the ordered operations that
 * bring QuickBooks and this device in step. Unexecuted, the same plan is the initial sync's dry-run preview.
 *
 * Ordering: an op comes after every op creating a record it references (customers and items before the
 * invoices that use them, invoices before the payments applied to them), in an earlier batch, because
 * Intuit runs a batch's items independently: one cannot see a record another created in the same batch.
 * A record referenced but never queued (a contact whose invoice is the first thing synced) gets a create
 * op of its own. Anything that cannot go yet is listed in `skipped` with the reason, never dropped.
 *
 * Claimed outbox rows (sent before, answer unknown) keep their requestid and their batch, so the runner
 * resends exactly what it sent and QuickBooks replays the answer instead of writing twice.
 * @module
 */
import type { SyncKind } from '../../../../shared/domain/index.ts'
import type {
  Decision, PlanCounts, PlanInput, RecordRef, SkipReason, SkippedRecord, SyncOp, SyncPlan,
} from './plan-types.ts'

/** Intuit's batch limit (qbo-api.md §7). */
export const MAX_BATCH_SIZE = 30

const KIND_ORDER: Readonly<Record<SyncKind, number>> = { contact: 0, job: 1, item: 2, invoice: 3, payment: 4 }

type Row = PlanInput['outbox'][number]
type Rec = { id: string; version: number; deletedAt?: string | undefined; label: string; refs: RecordRef[]; status?: string }

const keyOf = (kind: string, localId: string) => kind + ':' + localId
const cmp = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0)

/** Local records by kind, each reduced to what planning needs: label, references, status. */
function indexRecords(input: PlanInput): Map<string, Rec & { kind: SyncKind }> {
  const { records, settings } = input
  const out = new Map<string, Rec & { kind: SyncKind }>()
  const put = (kind: SyncKind, r: Rec) => out.set(keyOf(kind, r.id), { ...r, kind })
  for (const c of records.contacts) put('contact', { id: c.id, version: c.version, deletedAt: c.deletedAt, label: c.displayName, refs: [] })
  for (const i of records.items) put('item', { id: i.id, version: i.version, deletedAt: i.deletedAt, label: i.name, refs: [] })
  for (const j of records.jobs ?? []) {
    put('job', { id: j.id, version: j.version, deletedAt: j.deletedAt, label: j.name, refs: [{ kind: 'contact', localId: j.contactId }] })
  }
  for (const inv of records.invoices) {
    // With sub-customer jobs on, an invoice for a job is billed to the job's sub-customer.
    const customer: RecordRef = settings.subCustomerJobs && inv.jobId !== undefined
      ? { kind: 'job', localId: inv.jobId } : { kind: 'contact', localId: inv.contactId }
    const items = [...new Set(inv.lines.flatMap((l) => (l.itemId === undefined ? [] : [l.itemId])))].sort(cmp)
    put('invoice', {
      id: inv.id, version: inv.version, deletedAt: inv.deletedAt, status: inv.status,
      label: inv.number === undefined ? 'Invoice (no number)' : `Invoice ${inv.number}`,
      refs: [customer, ...items.map((localId): RecordRef => ({ kind: 'item', localId }))],
    })
  }
  for (const p of records.payments) {
    const invoices = [...new Set(p.applications.map((a) => a.invoiceId))].sort(cmp)
    put('payment', {
      id: p.id, version: p.version, deletedAt: p.deletedAt, label: `Payment of ${p.date}`,
      refs: [{ kind: 'contact', localId: p.contactId }, ...invoices.map((localId): RecordRef => ({ kind: 'invoice', localId }))],
    })
  }
  return out
}

type Outcome = { op: SyncOp } | { skip: SkipReason; waitingFor?: RecordRef } | { resolved: true }

/**
 * Plan a sync run.
 * @example
 * const p = plan({ records, outbox, mappings, settings, now })
 * p.batches // [['create:contact:c1'], ['create:invoice:i1']]: the customer first
 */
export function plan(input: PlanInput): SyncPlan {
  const batchSize = Math.max(1, Math.min(input.batchSize ?? MAX_BATCH_SIZE, MAX_BATCH_SIZE))
  const records = indexRecords(input)
  const nowMs = Date.parse(input.now)

  const mappings = new Map<string, PlanInput['mappings'][number]>()
  for (const m of input.mappings) if (m.status !== 'unlinked') mappings.set(keyOf(m.kind, m.localId), m)

  const localOps: SyncOp[] = []
  const linked = new Map<string, string>() // key → op id of the link that resolves it
  const blocked = new Set<string>()
  const decisions: Decision[] = []
  const implicitCreates: string[] = []
  for (const kind of ['contact', 'item'] as const) {
    const m = kind === 'contact' ? input.match?.contacts : input.match?.items
    if (!m) continue
    for (const l of m.links) {
      if (l.via === 'mapping' || mappings.has(keyOf(kind, l.localId))) continue
      const id = `link:${kind}:${l.localId}`
      localOps.push({
        id, action: 'link', kind, localId: l.localId, qboId: l.qboId, outboxSeqs: [], refs: [], dependsOn: [],
        label: records.get(keyOf(kind, l.localId))?.label ?? l.localId,
      })
      linked.set(keyOf(kind, l.localId), id)
    }
    for (const qboId of m.remoteOnly) {
      localOps.push({
        id: `pull:${kind}:${qboId}`, action: 'pull', kind, qboId, outboxSeqs: [], refs: [], dependsOn: [],
        label: input.remoteLabels?.[qboId] ?? `QuickBooks ${kind} ${qboId}`,
      })
    }
    for (const g of m.ambiguous) {
      decisions.push({ ...g, kind })
      for (const id of g.localIds) blocked.add(keyOf(kind, id))
    }
    for (const id of m.localOnly) implicitCreates.push(keyOf(kind, id))
  }

  const rowsByKey = new Map<string, Row[]>()
  for (const r of input.outbox) {
    const k = keyOf(r.kind, r.localId)
    const list = rowsByKey.get(k)
    if (list) list.push(r)
    else rowsByKey.set(k, [r])
  }

  const remoteOps = new Map<string, SyncOp>()
  const skipped: SkippedRecord[] = []
  const outcomes = new Map<string, Outcome>()
  const seqOf = new Map<string, number>() // op id → first outbox seq, for ordering

  const skip = (kind: SyncKind, localId: string, reason: SkipReason, label: string, rows: readonly Row[], waitingFor?: RecordRef) => {
    const s: SkippedRecord = { kind, localId, reason, label, outboxSeqs: rows.map((r) => r.seq).sort((a, b) => a - b) }
    if (waitingFor) s.waitingFor = waitingFor
    skipped.push(s)
  }

  const addOp = (op: SyncOp, seq: number | undefined) => {
    remoteOps.set(op.id, op)
    seqOf.set(op.id, seq ?? Number.MAX_SAFE_INTEGER)
  }

  /** What happens to one record: an op (or two: create then void), a skip, or nothing needed. */
  function decide(kind: SyncKind, localId: string): Outcome {
    const key = keyOf(kind, localId)
    const known = outcomes.get(key)
    if (known) return known
    outcomes.set(key, { skip: 'waiting-for-dependency' }) // guards against a reference cycle in bad data
    const outcome = decideOnce(kind, localId, key)
    outcomes.set(key, outcome)
    return outcome
  }

  function decideOnce(kind: SyncKind, localId: string, key: string): Outcome {
    const rec = records.get(key)
    const rows = (rowsByKey.get(key) ?? []).slice().sort((a, b) => a.seq - b.seq)
    const label = rec?.label ?? localId
    const mapping = mappings.get(key)
    const linkOp = linked.get(key)
    const done = (reason: SkipReason, waitingFor?: RecordRef): Outcome => {
      if (rows.length > 0) skip(kind, localId, reason, label, rows, waitingFor)
      return waitingFor ? { skip: reason, waitingFor } : { skip: reason }
    }

    if (!rec) return done('missing-record')
    if (kind === 'job' && !input.settings.subCustomerJobs) return done('jobs-off')
    if (blocked.has(key)) return done('waiting-for-decision')
    if (rows.length === 0 && (mapping || linkOp)) return { resolved: true }

    // A claimed row is resent as it was; later edits wait for it to settle.
    const claimed = rows.filter((r) => r.batchId !== undefined || r.requestId !== undefined)
    const open = rows.filter((r) => !claimed.includes(r))
    const primary = claimed[0] ?? open[open.length - 1]
    if (claimed.length > 0 && open.length > 0) skip(kind, localId, 'waiting-for-in-flight', label, open)
    const settles = claimed.length > 0 ? [claimed[0]!] : open
    if (primary?.nextAttemptAt !== undefined && Date.parse(primary.nextAttemptAt) > nowMs) {
      skip(kind, localId, 'backoff', label, settles)
      return { skip: 'backoff' }
    }

    const version = primary?.version ?? rec.version
    const deleted = rec.deletedAt !== undefined || primary?.op === 'delete'
    const voiding = (kind === 'invoice' && (rec.status === 'void' || primary?.op === 'void')) ||
      (kind === 'payment' && (deleted || primary?.op === 'void'))
    const exists = mapping !== undefined || linkOp !== undefined
    const seqs = settles.map((r) => r.seq)
    const base = {
      kind, localId, version, outboxSeqs: seqs, label,
      ...(primary?.requestId !== undefined && claimed.length > 0 ? { requestId: primary.requestId } : {}),
      ...(primary?.batchId !== undefined && claimed.length > 0 ? { batchId: primary.batchId } : {}),
    }
    const existing = {
      ...(mapping ? { qboId: mapping.qboId as string, syncToken: mapping.syncToken as string } : {}),
    }
    const firstSeq = settles[0]?.seq

    if (kind === 'invoice' && rec.status === 'draft' && !exists) return done('draft')
    if (voiding) {
      if (exists) {
        const op: SyncOp = { ...base, ...existing, id: `void:${key}`, action: 'void', refs: [], dependsOn: linkOp ? [linkOp] : [] }
        addOp(op, firstSeq)
        return { op }
      }
      if (kind === 'payment') {
        skip(kind, localId, 'never-synced', label, settles)
        return { skip: 'never-synced' }
      }
    } else if (deleted) {
      if (!exists) {
        skip(kind, localId, 'never-synced', label, settles)
        return { skip: 'never-synced' }
      }
      const op: SyncOp = {
        ...base, ...existing, id: `update:${key}`, action: 'update', deactivate: true, refs: [], dependsOn: linkOp ? [linkOp] : [],
      }
      addOp(op, firstSeq)
      return { op }
    } else if (mapping && mapping.syncedVersion >= version && claimed.length === 0) {
      skip(kind, localId, 'up-to-date', label, settles)
      return { resolved: true }
    }

    // create or update: everything referenced must exist in QuickBooks first.
    const dependsOn: string[] = linkOp ? [linkOp] : []
    for (const ref of rec.refs) {
      const refKey = keyOf(ref.kind, ref.localId)
      if (mappings.has(refKey)) continue
      const refLink = linked.get(refKey)
      if (refLink !== undefined) {
        dependsOn.push(refLink)
        continue
      }
      if (!records.has(refKey)) return done('missing-reference', ref)
      const dep = decide(ref.kind, ref.localId)
      if ('skip' in dep) return done(dep.skip === 'waiting-for-decision' ? 'waiting-for-decision' : 'waiting-for-dependency', ref)
      if ('op' in dep) dependsOn.push(dep.op.id)
    }
    const action = exists ? 'update' : 'create'
    const op: SyncOp = { ...base, ...existing, id: `${action}:${key}`, action, refs: rec.refs, dependsOn: [...new Set(dependsOn)].sort(cmp) }
    addOp(op, firstSeq)
    if (voiding) {
      // Voided before it ever reached QuickBooks: create it, then void it, so the number sequence stays whole.
      // What references it only needs it to exist, so it waits for the create.
      const v: SyncOp = { ...base, id: `void:${key}`, action: 'void', outboxSeqs: [], refs: [], dependsOn: [op.id] }
      addOp(v, firstSeq)
    }
    return { op }
  }

  const keys = new Set<string>([...rowsByKey.keys(), ...implicitCreates])
  for (const k of [...keys].sort(cmp)) {
    const i = k.indexOf(':')
    decide(k.slice(0, i) as SyncKind, k.slice(i + 1))
  }

  const { ordered, batches } = orderAndBatch([...remoteOps.values()], seqOf, batchSize)
  localOps.sort((a, b) => cmp(a.action, b.action) || KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || cmp(a.id, b.id))
  skipped.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || cmp(a.localId, b.localId) || cmp(a.reason, b.reason))
  decisions.sort((a, b) => KIND_ORDER[a.kind] - KIND_ORDER[b.kind] || cmp(a.reason, b.reason) || cmp(a.key, b.key))

  const ops = [...localOps, ...ordered]
  const count = (a: SyncOp['action']) => ops.filter((o) => o.action === a).length
  const counts: PlanCounts = {
    link: count('link'), createHere: count('pull'), createInQuickBooks: count('create'), update: count('update'),
    void: count('void'), needDecision: decisions.length, skipped: skipped.length,
  }
  return { ops, batches, skipped, decisions, counts }
}

/**
 * Levels by dependency depth (claimed batches move as one unit), then batches of at most `size` within a
 * level, so nothing shares a batch with an op it depends on and every dependency sits in an earlier batch.
 */
function orderAndBatch(ops: SyncOp[], seqOf: ReadonlyMap<string, number>, size: number): { ordered: SyncOp[]; batches: string[][] } {
  const byId = new Map(ops.map((o) => [o.id, o]))
  const unitOf = (o: SyncOp) => (o.batchId !== undefined ? 'b:' + o.batchId : 'o:' + o.id)
  const members = new Map<string, SyncOp[]>()
  for (const o of ops) {
    const u = unitOf(o)
    const list = members.get(u)
    if (list) list.push(o)
    else members.set(u, [o])
  }
  const level = new Map<string, number>()
  const visiting = new Set<string>()
  const levelOf = (u: string): number => {
    const known = level.get(u)
    if (known !== undefined) return known
    if (visiting.has(u)) return 0
    visiting.add(u)
    let l = 0
    for (const m of members.get(u) ?? []) {
      for (const d of m.dependsOn) {
        const dep = byId.get(d)
        if (dep && unitOf(dep) !== u) l = Math.max(l, levelOf(unitOf(dep)) + 1)
      }
    }
    visiting.delete(u)
    level.set(u, l)
    return l
  }
  const sortKey = (o: SyncOp) => [KIND_ORDER[o.kind], seqOf.get(o.id) ?? 0] as const
  const byOrder = (a: SyncOp, b: SyncOp) => {
    const [ka, sa] = sortKey(a), [kb, sb] = sortKey(b)
    return ka - kb || sa - sb || cmp(a.id, b.id)
  }

  const levels = new Map<number, { claimed: SyncOp[][]; fresh: SyncOp[] }>()
  for (const [u, ms] of members) {
    const l = levelOf(u)
    let slot = levels.get(l)
    if (!slot) levels.set(l, (slot = { claimed: [], fresh: [] }))
    if (u.startsWith('b:')) slot.claimed.push(ms.sort(byOrder))
    else slot.fresh.push(...ms)
  }

  const ordered: SyncOp[] = []
  const batches: string[][] = []
  const emit = (group: SyncOp[]) => {
    const index = batches.length
    batches.push(group.map((o) => o.id))
    for (const o of group) ordered.push({ ...o, batch: index })
  }
  for (const l of [...levels.keys()].sort((a, b) => a - b)) {
    const slot = levels.get(l)!
    slot.claimed.sort((a, b) => byOrder(a[0]!, b[0]!))
    for (const group of slot.claimed) emit(group)
    slot.fresh.sort(byOrder)
    for (let i = 0; i < slot.fresh.length; i += size) emit(slot.fresh.slice(i, i + size))
  }
  return { ordered, batches }
}
