/**
 * The mapping and log row of a link: a local record tied to a QuickBooks one without writing over it (a match,
 * "create here", a create found again after a lost answer, the user's "link").
 * @module
 */
import type { Mapping, SyncKind } from '#shared/domain/index.ts'
import { clonePlain, fieldsOf } from './fields.ts'
import type { QboEntity, SentFrom, Settlement } from './types.ts'

export interface LinkArgs {
  kind: SyncKind
  localId: string
  label: string
  entity: QboEntity
  record: object
  realmId: string
  at: string
  via?: string | undefined
  snapshot?: Record<string, unknown> | undefined
  sent?: SentFrom | undefined
}

/**
 * `snapshot` is what QuickBooks holds, as local fields, when it is known (a matched customer or item): the next
 * update then sends just the fields where this device differs. A create found again after a lost answer holds
 * what was sent (`sent`); without either, the record's own fields stand in.
 */
export function linkSettlement(args: LinkArgs): Settlement {
  const qboId = String(args.entity.Id)
  const mapping: Mapping = {
    kind: args.kind,
    localId: args.localId as Mapping['localId'],
    qboId: qboId as Mapping['qboId'],
    realmId: args.realmId,
    syncToken: String(args.entity.SyncToken ?? '0') as Mapping['syncToken'],
    snapshot: args.snapshot ?? (args.sent ? clonePlain(args.sent.fields) : fieldsOf(args.record)),
    syncedVersion: args.sent?.version ?? (args.record as { version: number }).version,
    status: 'synced',
    updatedAt: args.at,
  }
  const details = `Linked to QuickBooks ${args.kind} ${qboId}${args.via ? ` (same ${args.via})` : ''}`
  return {
    mapping,
    doneSeqs: [],
    log: [
      {
        at: args.at,
        kind: args.kind,
        localId: mapping.localId,
        qboId,
        label: args.label,
        direction: 'none',
        status: 'matched',
        details,
      },
    ],
  }
}
