import { z } from 'zod'
import { QboId, SyncToken } from '../ids.ts'

// Pieces shared by every QuickBooks entity. All objects are loose: QuickBooks adds
// fields over minor versions, and a parse → serialize round trip must keep them.

/** Calendar date as QuickBooks sends it (`YYYY-MM-DD`). */
export const QboDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'expected a date as YYYY-MM-DD')
export type QboDate = z.infer<typeof QboDate>

/** Timestamp with offset. Kept as text: formats vary (`-07:00`, `-0700`, `Z`), and the offset matters for CDC cursors. */
export const QboDateTime = z.string().min(1)
export type QboDateTime = z.infer<typeof QboDateTime>

/** ReferenceType: `{"value": "<Id>", "name": "<display name>"}`. The value is not always an entity Id (`"TAX"`, `"USD"`). */
export const QboRef = z.looseObject({ value: z.string(), name: z.string().optional() })
export type QboRef = z.infer<typeof QboRef>

/** ModificationMetaData: read-only timestamps. */
export const QboMetaData = z.looseObject({
  CreateTime: QboDateTime.optional(),
  LastUpdatedTime: QboDateTime.optional(),
  LastModifiedByRef: QboRef.optional(),
})
export type QboMetaData = z.infer<typeof QboMetaData>

/** PhysicalAddress. `Id`, `Lat` and `Long` are read-only; Lat/Long are `"INVALID"` when not geocodable. */
export const QboPhysicalAddress = z.looseObject({
  Id: z.string().optional(),
  Line1: z.string().optional(),
  Line2: z.string().optional(),
  Line3: z.string().optional(),
  Line4: z.string().optional(),
  Line5: z.string().optional(),
  City: z.string().optional(),
  Country: z.string().optional(),
  CountrySubDivisionCode: z.string().optional(),
  PostalCode: z.string().optional(),
  Lat: z.string().optional(),
  Long: z.string().optional(),
})
export type QboPhysicalAddress = z.infer<typeof QboPhysicalAddress>

export const QboEmailAddress = z.looseObject({ Address: z.string().optional() })
export type QboEmailAddress = z.infer<typeof QboEmailAddress>

export const QboTelephoneNumber = z.looseObject({ FreeFormNumber: z.string().optional() })
export type QboTelephoneNumber = z.infer<typeof QboTelephoneNumber>

/** WebSiteAddress; QuickBooks may send it empty (`{}`). */
export const QboWebSiteAddress = z.looseObject({ URI: z.string().optional() })
export type QboWebSiteAddress = z.infer<typeof QboWebSiteAddress>

/** MemoRef, e.g. `Invoice.CustomerMemo`. */
export const QboMemoRef = z.looseObject({ value: z.string() })
export type QboMemoRef = z.infer<typeof QboMemoRef>

export const QboCustomField = z.looseObject({
  DefinitionId: z.string(),
  Name: z.string().optional(),
  Type: z.string().optional(),
  StringValue: z.string().optional(),
})
export type QboCustomField = z.infer<typeof QboCustomField>

/** LinkedTxn: a link to another transaction (`TxnType` is open-ended: Invoice, Estimate, Payment, TimeActivity, …). */
export const QboLinkedTxn = z.looseObject({
  TxnId: z.string(),
  TxnType: z.string(),
  TxnLineId: z.string().optional(),
})
export type QboLinkedTxn = z.infer<typeof QboLinkedTxn>

/**
 * Fields every entity response carries. `Id` is required because these schemas describe
 * what QuickBooks returns; Intuit documents `SyncToken` as "required for update", and its
 * own abbreviated CDC sample omits it, so it stays optional here and writers check it.
 */
export const entityFields = {
  Id: QboId,
  SyncToken: SyncToken.optional(),
  MetaData: QboMetaData.optional(),
  domain: z.string().optional(),
  sparse: z.boolean().optional(),
}

/** What QuickBooks returns for a deleted transaction (operation=delete, batch delete, CDC). */
export const QboDeletedStub = z.looseObject({
  Id: QboId,
  status: z.literal('Deleted'),
  domain: z.string().optional(),
  MetaData: QboMetaData.optional(),
})
export type QboDeletedStub = z.infer<typeof QboDeletedStub>
