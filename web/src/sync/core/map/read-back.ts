/**
 * QuickBooks customers and items as local fields, through the core's mappers: for "create here", pulls and
 * the merge after a stale write. A record the mapper refuses (no name, a category) comes back as its reason.
 * @module
 */
import type { Contact, Item } from '#shared/domain/index.ts'
import type { QboCustomer, QboItem } from '#shared/qbo/index.ts'
import type { QboEntity } from '../settle/types.ts'
import { customerToContact } from './customer.ts'
import { qboToItem } from './item.ts'
import { ok, type Result } from '#shared/result.ts'
import type { MapError } from './map-result.ts'

export type ContactFields = Omit<Contact, 'id' | 'version' | 'updatedAt' | 'deletedAt'>
export type ItemFields = Omit<Item, 'id' | 'version' | 'updatedAt' | 'deletedAt'>

export function contactFieldsOf(c: QboEntity): Result<ContactFields, MapError> {
  const r = customerToContact(c as unknown as QboCustomer)
  return r.ok ? ok(r.value.value) : r
}

export function itemFieldsOf(i: QboEntity): Result<ItemFields, MapError> {
  const r = qboToItem(i as unknown as QboItem)
  return r.ok ? ok(r.value.value) : r
}

/** The local fields of a QuickBooks customer or item, or undefined for other kinds and refused records. */
export function fieldsFromQbo(kind: string, e: QboEntity): ContactFields | ItemFields | undefined {
  const r = kind === 'contact' ? contactFieldsOf(e) : kind === 'item' ? itemFieldsOf(e) : undefined
  return r?.ok ? r.value : undefined
}
