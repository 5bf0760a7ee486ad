/**
 * Every id the app passes around, branded so that one kind cannot stand in for another: a local
 * record id, a QuickBooks entity Id, a company (realm) id and a version token are all strings, and
 * the last three are all digit strings on the wire. Each is a zod schema, so a boundary that reads
 * one (a QuickBooks answer, a message from the edge, an IndexedDB row) parses it instead of casting.
 */
import { z } from 'zod'

/** A record's id on this device: `crypto.randomUUID()`. */
export const LocalId = z.uuid().brand<'LocalId'>()
export type LocalId = z.infer<typeof LocalId>

/** Id of a QuickBooks entity (Customer, Item, Invoice, …). Intuit rejects non-numeric ids with 2030 "Invalid ID". */
export const QboId = z.string().regex(/^\d+$/, 'a QuickBooks Id is a string of digits').brand<'QboId'>()
export type QboId = z.infer<typeof QboId>

/**
 * QuickBooks company id ("realmId" in the OAuth redirect and every API URL). It also names the
 * company's Durable Object at the edge, so the length is capped.
 */
export const RealmId = z
  .string()
  .regex(/^\d{1,32}$/, 'a realm id is a string of digits')
  .brand<'RealmId'>()
export type RealmId = z.infer<typeof RealmId>

/** Optimistic-concurrency version of an entity: "0" on create, +1 on every change. */
export const SyncToken = z.string().regex(/^\d+$/, 'a SyncToken is a string of digits').brand<'SyncToken'>()
export type SyncToken = z.infer<typeof SyncToken>

/** A fresh local id. `crypto.randomUUID` exists in browsers, workers and Node alike. */
export function newLocalId(): LocalId {
  return LocalId.parse(crypto.randomUUID())
}
