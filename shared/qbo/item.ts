import { z } from 'zod'
import { entityFields, QboDate, QboRef } from './ref.ts'

/** `NonInventory` exists from minorversion 4; `Group` bundles cannot be created through the API. */
export const QboItemType = z.enum(['Service', 'NonInventory', 'Inventory', 'Category', 'Group'])
export type QboItemType = z.infer<typeof QboItemType>

/** Item (price book entry). `Name` is required and unique; `Type` must be sent explicitly from minorversion 4. */
export const QboItem = z.looseObject({
  ...entityFields,
  Name: z.string(),
  Type: QboItemType.optional(),
  Description: z.string().optional(),
  Sku: z.string().optional(),
  Active: z.boolean().optional(),
  SubItem: z.boolean().optional(),
  ParentRef: QboRef.optional(),
  Level: z.number().int().optional(),
  FullyQualifiedName: z.string().optional(),
  UnitPrice: z.number().optional(),
  Taxable: z.boolean().optional(),
  SalesTaxIncluded: z.boolean().optional(),
  SalesTaxCodeRef: QboRef.optional(),
  PurchaseTaxCodeRef: QboRef.optional(),
  IncomeAccountRef: QboRef.optional(),
  ExpenseAccountRef: QboRef.optional(),
  AssetAccountRef: QboRef.optional(),
  PurchaseDesc: z.string().optional(),
  PurchaseCost: z.number().optional(),
  TrackQtyOnHand: z.boolean().optional(),
  QtyOnHand: z.number().optional(),
  InvStartDate: QboDate.optional(),
})
export type QboItem = z.infer<typeof QboItem>
