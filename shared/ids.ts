import { z } from 'zod'
import { err, ok, type Result } from './result.ts'

// Branded so that an entity Id, a company id and a version token cannot be swapped
// by accident: all three are digit strings on the wire.

/** Id of a QuickBooks entity (Customer, Item, Invoice, …). Intuit rejects non-numeric ids with 2030 "Invalid ID". */
export const QboId = z.string().regex(/^\d+$/, 'a QuickBooks Id is a string of digits').brand<'QboId'>()
export type QboId = z.infer<typeof QboId>

/** QuickBooks company id ("realmId" in the OAuth redirect and every API URL). */
export const RealmId = z.string().regex(/^\d+$/, 'a realm id is a string of digits').brand<'RealmId'>()
export type RealmId = z.infer<typeof RealmId>

/** Optimistic-concurrency version of an entity: "0" on create, +1 on every change. */
export const SyncToken = z.string().regex(/^\d+$/, 'a SyncToken is a string of digits').brand<'SyncToken'>()
export type SyncToken = z.infer<typeof SyncToken>

export type InvalidIdError = { readonly kind: 'invalid_id'; readonly idKind: 'QboId' | 'RealmId' | 'SyncToken'; readonly message: string }

function parser<T>(schema: z.ZodType<T>, idKind: InvalidIdError['idKind']) {
  return (input: unknown): Result<T, InvalidIdError> => {
    const parsed = schema.safeParse(input)
    if (parsed.success) return ok(parsed.data)
    return err({ kind: 'invalid_id', idKind, message: `${idKind}: ${parsed.error.issues[0]?.message ?? 'invalid value'}` })
  }
}

export const parseQboId = parser(QboId, 'QboId')
export const parseRealmId = parser(RealmId, 'RealmId')
export const parseSyncToken = parser(SyncToken, 'SyncToken')
