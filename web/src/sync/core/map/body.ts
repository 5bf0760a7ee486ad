/**
 * The request an op sends, from the core's `writeFor`: a create's full body; an update's sparse body of just the
 * fields changed since the mapping's snapshot (so a field changed in QuickBooks and not here is left alone); a
 * deactivation; a void's Id and SyncToken. Ids and SyncTokens are the run's live ones, not the plan's.
 * @module
 */
import type { Mapping, SentRequest } from '#shared/domain/index.ts'
import { err, ok, type Result } from '#shared/result.ts'
import type { SyncFault } from '../fault-types.ts'
import type { SyncOp } from '../plan-types.ts'
import { fieldsOf } from '../settle/fields.ts'
import type { QboEntity } from '../settle/types.ts'
import type { MapWarning } from './map-result.ts'
import { refToken } from './refs.ts'
import { writeFor, type LocalRecord, type RecordContext } from './request.ts'

/** A fault found on this device, before anything was sent: never retried by itself. */
export function localFault(code: string, userMessage: string): SyncFault {
  return { kind: 'validation', retryable: false, userMessage, action: 'fix-field', code }
}

/** `body` undefined: an update that changes nothing QuickBooks holds, settled without a call. */
export type Body = { body: QboEntity | undefined; warnings: MapWarning[] }
export type BodyResult = Result<Body, SyncFault>

const REF_PREFIX = refToken({ kind: 'contact', localId: '' }).replace(/contact:$/, '')

export function bodyOf(
  op: SyncOp,
  record: LocalRecord | undefined,
  mapping: Mapping | undefined,
  context: RecordContext,
): BodyResult {
  if (!record) return err(localFault('missing-record', 'This record is no longer on this device.'))
  if (op.action !== 'create' && !mapping) {
    return err(localFault('not-linked', 'This record is not linked to QuickBooks yet.'))
  }
  const live: SyncOp = mapping ? { ...op, qboId: mapping.qboId, syncToken: mapping.syncToken } : op
  const w = writeFor(live, record, context, op.action === 'create' ? undefined : mapping?.snapshot)
  if (!w.ok) return err({ ...localFault('map', w.error.message), field: w.error.field })
  const body = w.value.value?.body as QboEntity | undefined
  // The mappers leave a placeholder where a referenced record has no QuickBooks Id yet.
  if (body && JSON.stringify(body).includes(REF_PREFIX)) {
    return err(localFault('missing-reference', 'A record it refers to is not in QuickBooks yet.'))
  }
  return ok({ body, warnings: w.value.warnings })
}

/**
 * The request `op` is about to send with `body`, as its claim stores it: built from the record as it is now, for
 * the version its row settles. (After a release the record may be newer than that row; its own later row then
 * finds nothing left to send.)
 */
export function requestOf(op: SyncOp, record: LocalRecord, body: QboEntity): SentRequest {
  return { body, fields: fieldsOf(record), version: op.version ?? record.version }
}

/**
 * The request of a row claimed before claims stored theirs: rebuilt from the record now, the best there is. When
 * the record changed since the claim, what QuickBooks holds is unknown here: an empty snapshot makes the next
 * update send every field rather than drop the edit.
 */
export function rebuiltRequest(op: SyncOp, record: LocalRecord, body: QboEntity): SentRequest {
  const version = op.version ?? record.version
  return { body, fields: record.version === version ? fieldsOf(record) : {}, version }
}
