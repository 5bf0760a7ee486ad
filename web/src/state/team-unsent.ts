/**
 * What a removed device never sent, as a file its user can keep or hand to the office: each record with a
 * change still queued, as it is on this device (one entry per record, whatever number of edits it queued).
 * @module
 */
import type { OutboxRow, SyncKind } from '#shared/domain/index.ts'
import { listOutbox } from '../db/outbox.ts'
import type { FieldsyncDB } from '../db/schema.ts'

export type UnsentRecord = { kind: SyncKind; op: OutboxRow['op']; queuedAt: string; record: unknown }
export type UnsentFile = { company: string | null; savedAt: string; records: UnsentRecord[] }

const tableOf = (db: FieldsyncDB, kind: SyncKind) =>
  ({ contact: db.contacts, item: db.items, invoice: db.invoices, payment: db.payments, job: db.jobs })[kind]

export async function unsentRecords(db: FieldsyncDB): Promise<UnsentRecord[]> {
  const rows = await listOutbox(db)
  const seen = new Map<string, OutboxRow>()
  // The first row of a record tells when it was queued; a create stays a create whatever edits followed it.
  for (const r of rows) if (!seen.has(`${r.kind}|${r.localId}`)) seen.set(`${r.kind}|${r.localId}`, r)
  const out: UnsentRecord[] = []
  for (const r of seen.values()) {
    const record = await tableOf(db, r.kind).get(r.localId)
    out.push({ kind: r.kind, op: r.op, queuedAt: r.createdAt, record: record ?? null })
  }
  return out
}

export async function unsentFile(db: FieldsyncDB, company: string | null, now: Date): Promise<UnsentFile> {
  return { company, savedAt: now.toISOString(), records: await unsentRecords(db) }
}

/** Hands the file to the browser's download. */
export function download(file: UnsentFile): void {
  const blob = new Blob([JSON.stringify(file, null, 2)], { type: 'application/json' })
  const url = URL.createObjectURL(blob)
  const a = document.createElement('a')
  a.href = url
  a.download = `fieldsync-unsent-records-${file.savedAt.slice(0, 10)}.json`
  document.body.append(a)
  a.click()
  a.remove()
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
