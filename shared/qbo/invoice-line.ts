import { z } from 'zod'
import { QboDate, QboLinkedTxn, QboRef } from './ref.ts'

// Transaction lines, told apart by `DetailType`; each kind carries its detail object
// under a key named after it. Line `Id`s are per-transaction numbers, not entity Ids.

const lineFields = {
  Id: z.string().optional(),
  LineNum: z.number().int().optional(),
  Description: z.string().optional(),
  LinkedTxn: z.array(QboLinkedTxn).optional(),
}

export const QboSalesItemLineDetail = z.looseObject({
  ItemRef: QboRef.optional(),
  ClassRef: QboRef.optional(),
  TaxCodeRef: QboRef.optional(),
  ItemAccountRef: QboRef.optional(),
  Qty: z.number().optional(),
  UnitPrice: z.number().optional(),
  ServiceDate: QboDate.optional(),
  DiscountRate: z.number().optional(),
  DiscountAmt: z.number().optional(),
  TaxInclusiveAmt: z.number().optional(),
})

export const QboSalesItemLine = z.looseObject({
  ...lineFields,
  DetailType: z.literal('SalesItemLineDetail'),
  Amount: z.number(),
  SalesItemLineDetail: QboSalesItemLineDetail,
})
export type QboSalesItemLine = z.infer<typeof QboSalesItemLine>

/** QuickBooks appends one of these (sum of the lines above) to every invoice it returns. */
export const QboSubTotalLine = z.looseObject({
  ...lineFields,
  DetailType: z.literal('SubTotalLineDetail'),
  Amount: z.number(),
  SubTotalLineDetail: z.looseObject({ ItemRef: QboRef.optional() }),
})
export type QboSubTotalLine = z.infer<typeof QboSubTotalLine>

export const QboDiscountLine = z.looseObject({
  ...lineFields,
  DetailType: z.literal('DiscountLineDetail'),
  Amount: z.number(),
  DiscountLineDetail: z.looseObject({
    PercentBased: z.boolean().optional(),
    DiscountPercent: z.number().optional(),
    DiscountAccountRef: QboRef.optional(),
    ClassRef: QboRef.optional(),
    TaxCodeRef: QboRef.optional(),
  }),
})
export type QboDiscountLine = z.infer<typeof QboDiscountLine>

/** A bundle: `GroupItemRef` names the Group item, `Line` holds its expanded sales lines. */
export const QboGroupLine = z.looseObject({
  ...lineFields,
  DetailType: z.literal('GroupLineDetail'),
  Amount: z.number().optional(),
  GroupLineDetail: z.looseObject({
    GroupItemRef: QboRef.optional(),
    Quantity: z.number().optional(),
    Line: z.array(QboSalesItemLine).optional(),
  }),
})
export type QboGroupLine = z.infer<typeof QboGroupLine>

/** Text-only line (also used for inline subtotals); Intuit names the kind `DescriptionOnly`. */
export const QboDescriptionOnlyLine = z.looseObject({
  ...lineFields,
  DetailType: z.literal('DescriptionOnly'),
  Amount: z.number().optional(),
  DescriptionLineDetail: z.looseObject({ ServiceDate: QboDate.optional(), TaxCodeRef: QboRef.optional() }).optional(),
})
export type QboDescriptionOnlyLine = z.infer<typeof QboDescriptionOnlyLine>

/**
 * An invoice line. An unknown `DetailType` fails the parse on purpose: the sync would
 * otherwise rewrite an invoice holding a line it cannot represent.
 */
export const QboInvoiceLine = z.discriminatedUnion('DetailType', [
  QboSalesItemLine,
  QboSubTotalLine,
  QboDiscountLine,
  QboGroupLine,
  QboDescriptionOnlyLine,
])
export type QboInvoiceLine = z.infer<typeof QboInvoiceLine>

export const QboTaxLine = z.looseObject({
  DetailType: z.literal('TaxLineDetail'),
  Amount: z.number().optional(),
  TaxLineDetail: z.looseObject({
    TaxRateRef: QboRef,
    PercentBased: z.boolean().optional(),
    TaxPercent: z.number().optional(),
    NetAmountTaxable: z.number().optional(),
    TaxInclusiveAmount: z.number().optional(),
    OverrideDeltaAmount: z.number().optional(),
  }),
})
export type QboTaxLine = z.infer<typeof QboTaxLine>

/** Transaction-level tax: computed by QuickBooks (automated sales tax may override what was sent). */
export const QboTxnTaxDetail = z.looseObject({
  TxnTaxCodeRef: QboRef.optional(),
  TotalTax: z.number().optional(),
  TaxLine: z.array(QboTaxLine).optional(),
})
export type QboTxnTaxDetail = z.infer<typeof QboTxnTaxDetail>
