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
import type { SyncKind } from '#shared/domain/index.ts'
import type { Decision, PlanInput, RecordRef, SkipReason, SkippedRecord, SyncOp, SyncPlan } from './plan-types.ts'
import { orderAndBatch, type Node } from './plan-batches.ts'
import { finishPlan } from './plan-finish.ts'
import { UNDECIDED_CODE } from './decisions.ts'
import { awaitsApproval, cmp, Entries, indexRecords, KINDS, NO_REFS, type Entry, type Row } from './plan-records.ts'

/** Intuit's batch limit (docs/quickbooks.md §7). */
export const MAX_BATCH_SIZE = 30

type Outcome = { node: Node } | { skip: SkipReason; waitingFor?: RecordRef } | { resolved: true }

const CYCLE_GUARD: Outcome = { skip: 'waiting-for-dependency' }
const RESOLVED: Outcome = { resolved: true }
const NO_ROWS: Row[] = []
const NO_DEPS = Object.freeze([]) as unknown as string[]
const isClaimed = (r: Row) => r.batchId !== undefined || r.requestId !== undefined

/**
 * Plan a sync run.
 * @example
 * const p = plan({ records, outbox, mappings, settings, now })
 * p.batches // [['create:contact:c1'], ['create:invoice:i1']]: the customer first
 */
export function plan(input: PlanInput): SyncPlan {
  const batchSize = Math.max(1, Math.min(input.batchSize ?? MAX_BATCH_SIZE, MAX_BATCH_SIZE))
  const entries = new Entries<Outcome>()
  indexRecords(input, entries)
  const nowMs = Date.parse(input.now)

  for (const m of input.mappings) if (m.status !== 'unlinked') entries.at(m.kind, m.localId).mapping = m

  const localOps: SyncOp[] = []
  const decisions: Decision[] = []
  const matched = [
    ['contact', input.match?.contacts],
    ['item', input.match?.items],
    ['job', input.match?.jobs],
    ['invoice', input.match?.invoices],
  ] as const
  for (const [kind, m] of matched) {
    if (!m) continue
    for (const l of m.links) {
      const e = entries.at(kind, l.localId)
      if (l.via === 'mapping' || e.mapping) continue
      const id = `link:${kind}:${l.localId}`
      localOps.push({
        id,
        action: 'link',
        kind,
        localId: l.localId,
        qboId: l.qboId,
        outboxSeqs: [],
        refs: [],
        dependsOn: [],
        label: e.rec?.label ?? l.localId,
      })
      e.link = id
      e.linkQboId = l.qboId
    }
    // QuickBooks invoices and sub-customers nothing here matches stay there: those only go from here to QuickBooks.
    for (const qboId of kind === 'invoice' || kind === 'job' ? [] : m.remoteOnly) {
      localOps.push({
        id: `pull:${kind}:${qboId}`,
        action: 'pull',
        kind,
        qboId,
        outboxSeqs: [],
        refs: [],
        dependsOn: [],
        label: input.remoteLabels?.[`${kind}:${qboId}`] ?? `QuickBooks ${kind} ${qboId}`,
      })
    }
    for (const g of m.ambiguous) {
      decisions.push({ ...g, kind })
      for (const id of g.localIds) entries.at(kind, id).blocked = true
    }
    for (const id of m.localOnly) entries.at(kind, id).implicit = true
  }

  for (const r of input.outbox) {
    const e = entries.at(r.kind, r.localId)
    if (e.rows) e.rows.push(r)
    else e.rows = [r]
    // Left at "Decide later": asked again on its page, never sent as a create meanwhile.
    if (r.lastError?.code === UNDECIDED_CODE && r.batchId === undefined && !e.mapping && e.link === undefined)
      e.blocked = true
  }

  const nodes: Node[] = [] // in creation order: every node after the nodes it depends on
  const skipped: SkippedRecord[] = []

  const skip = (
    kind: SyncKind,
    localId: string,
    reason: SkipReason,
    label: string,
    rows: readonly Row[],
    waitingFor?: RecordRef,
  ) => {
    const s: SkippedRecord = { kind, localId, reason, label, outboxSeqs: rows.map((r) => r.seq).sort((a, b) => a - b) }
    if (waitingFor) s.waitingFor = waitingFor
    skipped.push(s)
  }

  /** The record cannot go now: its rows (if any) are listed as skipped with the reason. */
  const wait = (
    kind: SyncKind,
    localId: string,
    reason: SkipReason,
    label: string,
    rows: readonly Row[],
    waitingFor?: RecordRef,
  ): Outcome => {
    if (rows.length > 0) skip(kind, localId, reason, label, rows, waitingFor)
    return waitingFor ? { skip: reason, waitingFor } : { skip: reason }
  }

  const addNode = (op: SyncOp, deps: Node[], seq: number | undefined): Node => {
    let level = 0
    for (const d of deps) if (d.level + 1 > level) level = d.level + 1
    const node: Node = { op, deps, level, seq: seq ?? Number.MAX_SAFE_INTEGER }
    nodes.push(node)
    return node
  }

  /** What happens to one record: an op (or two: create then void), a skip, or nothing needed. */
  function decide(kind: SyncKind, localId: string, e: Entry<Outcome>): Outcome {
    if (e.outcome) return e.outcome
    e.outcome = CYCLE_GUARD // guards against a reference cycle in bad data
    return (e.outcome = decideOnce(kind, localId, e))
  }

  function decideOnce(kind: SyncKind, localId: string, e: Entry<Outcome>): Outcome {
    const rec = e.rec
    const all = e.rows
    const rows = all === undefined ? [] : all.length > 1 ? all.slice().sort((a, b) => a.seq - b.seq) : all
    const label = rec?.label ?? localId
    const mapping = e.mapping
    const linkOp = e.link
    if (!rec) return wait(kind, localId, 'missing-record', label, rows)
    if (kind === 'job' && !input.settings.subCustomerJobs) return wait(kind, localId, 'jobs-off', label, rows)
    if (e.blocked) return wait(kind, localId, 'waiting-for-decision', label, rows)
    if (rows.length === 0 && (mapping || linkOp)) return RESOLVED

    // A claimed row is resent as it was; later edits wait for it to settle.
    const claimed = rows.length === 1 && !isClaimed(rows[0]!) ? NO_ROWS : rows.filter(isClaimed)
    const open = claimed.length === 0 ? rows : rows.filter((r) => !isClaimed(r))
    const primary = claimed[0] ?? open[open.length - 1]
    // Only one send of a record is in flight at a time; everything after it waits for it to settle. Rows claimed
    // under the same request (one send settling two rows of the record) are that one send, settled together.
    const inFlight =
      claimed.length > 1
        ? claimed.filter((r) => r.batchId === primary!.batchId && r.requestId === primary!.requestId)
        : claimed
    const later =
      claimed.length > inFlight.length
        ? [...claimed.filter((r) => !inFlight.includes(r)), ...open]
        : claimed.length > 0
          ? open
          : NO_ROWS
    if (later.length > 0) skip(kind, localId, 'waiting-for-in-flight', label, later)
    const settles = claimed.length > 0 ? inFlight : open
    if (primary?.nextAttemptAt !== undefined && Date.parse(primary.nextAttemptAt) > nowMs) {
      skip(kind, localId, 'backoff', label, settles)
      return { skip: 'backoff' }
    }

    const version = settles[settles.length - 1]?.version ?? rec.version
    const exists = mapping !== undefined || linkOp !== undefined
    // A record deleted while its create is unanswered: the create may have landed, so it is resent first (replayed
    // under its requestid, or looked up) and the deletion follows once QuickBooks' Id is known. Skipping it would
    // leave the record active in QuickBooks and its rows here for good.
    const createInFlight = !exists && claimed.length > 0 && primary?.op === 'create'
    const deleted = (rec.deletedAt !== undefined || primary?.op === 'delete') && !createInFlight
    // A payment deleted here is deleted in QuickBooks (its invoices' balances go back up there too); an invoice
    // is voided, and so is a payment voided here, so the record of it stays.
    const removing = kind === 'payment' && deleted
    const voiding =
      (kind === 'invoice' && (rec.status === 'void' || primary?.op === 'void')) ||
      (kind === 'payment' && !deleted && primary?.op === 'void')
    const firstSeq = settles[0]?.seq
    const seqs = settles.length === 1 ? [settles[0]!.seq] : settles.map((r) => r.seq)
    // Ops are built in one place with one property order, so every op shares a shape (and the JIT one path).
    const makeOp = (action: SyncOp['action'], refs: RecordRef[], dependsOn: string[], outboxSeqs = seqs): SyncOp => {
      const op: SyncOp = {
        id: `${action}:${kind}:${localId}`,
        action,
        kind,
        localId,
        version,
        outboxSeqs,
        refs,
        dependsOn,
        label,
      }
      if (mapping) {
        op.qboId = mapping.qboId
        op.syncToken = mapping.syncToken
      } else if (e.linkQboId !== undefined) op.qboId = e.linkQboId // its SyncToken comes with the runner's read
      // The claim belongs to the op that settles its row: a void following a create is a new request.
      // A claimed create of a record QuickBooks already has (its answer was found another way) is not replayed:
      // its requestid would bring back the create's answer instead of doing this update.
      if (outboxSeqs === seqs && claimed.length > 0 && !(primary?.op === 'create' && exists)) {
        if (primary?.requestId !== undefined) op.requestId = primary.requestId
        if (primary?.batchId !== undefined) op.batchId = primary.batchId
      }
      return op
    }
    const linkDeps = linkOp === undefined ? NO_DEPS : [linkOp]

    if (deleted && !exists) {
      skip(kind, localId, 'never-synced', label, settles)
      return { skip: 'never-synced' }
    }
    if (removing) return { node: addNode(makeOp('delete', NO_REFS, linkDeps), [], firstSeq) }
    if (kind === 'invoice' && rec.status === 'draft' && !exists) return wait(kind, localId, 'draft', label, rows)
    // Manual export: a first send waits to be picked; a send already made (claimed) is only ever finished.
    if (awaitsApproval(input, kind, localId, exists || claimed.length > 0))
      return wait(kind, localId, 'awaiting-approval', label, rows)
    if (voiding) {
      if (exists) return { node: addNode(makeOp('void', NO_REFS, linkDeps), [], firstSeq) }
      if (kind === 'payment') {
        skip(kind, localId, 'never-synced', label, settles)
        return { skip: 'never-synced' }
      }
    } else if (deleted) {
      const op = makeOp('update', NO_REFS, linkDeps)
      op.deactivate = true
      return { node: addNode(op, [], firstSeq) }
    } else if (mapping && mapping.syncedVersion >= version) {
      // Claimed or not, this version is in QuickBooks already: nothing to send, the row only needs settling.
      skip(kind, localId, 'up-to-date', label, settles)
      return RESOLVED
    }

    // create or update: everything referenced must exist in QuickBooks first.
    const dependsOn: string[] = linkOp === undefined ? [] : [linkOp]
    const deps: Node[] = []
    for (const ref of rec.refs) {
      const re = entries.get(ref.kind, ref.localId)
      if (re?.mapping) continue
      if (re?.link !== undefined) {
        dependsOn.push(re.link)
        continue
      }
      // Gone, or deleted before it ever reached QuickBooks: there is nothing there to point at.
      if (!re?.rec || re.rec.deletedAt !== undefined) return wait(kind, localId, 'missing-reference', label, rows, ref)
      const dep = decide(ref.kind, ref.localId, re)
      if ('skip' in dep) {
        return wait(
          kind,
          localId,
          dep.skip === 'waiting-for-decision' ? 'waiting-for-decision' : 'waiting-for-dependency',
          label,
          rows,
          ref,
        )
      }
      if ('node' in dep) {
        dependsOn.push(dep.node.op.id)
        deps.push(dep.node)
      }
    }
    const action = exists ? 'update' : 'create'
    // Each ref is another record, and refs are unique per record, so the ids are distinct already.
    if (dependsOn.length > 1) dependsOn.sort(cmp)
    const unique = dependsOn.length === 0 ? NO_DEPS : dependsOn
    const node = addNode(makeOp(action, rec.refs, unique), deps, firstSeq)
    if (voiding) {
      // Voided before it ever reached QuickBooks: create it, then void it, so the number sequence stays whole.
      // What references it only needs it to exist, so it waits for the create.
      addNode(makeOp('void', NO_REFS, [node.op.id], []), [node], firstSeq)
    }
    return { node }
  }

  for (const kind of KINDS) {
    const todo: Entry<Outcome>[] = []
    for (const e of entries.of(kind).values()) if (e.rows || e.implicit) todo.push(e)
    todo.sort((a, b) => cmp(a.id, b.id))
    for (const e of todo) decide(kind, e.id, e)
  }

  const { ordered, batches } = orderAndBatch(nodes, batchSize)
  return finishPlan({ localOps, ordered, batches, skipped, decisions })
}
