/**
 * What a QuickBooks company uses that an invoice from the tablet cannot express, read from its Preferences, in
 * plain words for the invoice page: the invoice still goes, but the user knows beforehand what QuickBooks will hold
 * (or why it may refuse it) instead of finding out from the books.
 * @module
 */
import { z } from 'zod'
import type { Invoice } from '#shared/domain/index.ts'

const Flag = z.boolean().optional().catch(undefined)

/** The parts of `Preferences` this reads; anything else, or a part missing, is ignored. */
export const CompanyPrefs = z.looseObject({
  AccountingInfoPrefs: z
    .looseObject({
      TrackDepartments: Flag,
      DepartmentTerminology: z.string().optional().catch(undefined),
      ClassTrackingPerTxn: Flag,
      ClassTrackingPerTxnLine: Flag,
    })
    .optional()
    .catch(undefined),
  SalesFormsPrefs: z.looseObject({ AllowDiscount: Flag }).optional().catch(undefined),
  CurrencyPrefs: z
    .looseObject({
      MultiCurrencyEnabled: Flag,
      HomeCurrency: z.looseObject({ value: z.string() }).optional().catch(undefined),
    })
    .optional()
    .catch(undefined),
  TaxPrefs: z.looseObject({ UsingSalesTax: Flag, PartnerTaxEnabled: Flag }).optional().catch(undefined),
})
export type CompanyPrefs = z.infer<typeof CompanyPrefs>

export interface CompanyLimit {
  /** Stable, for tests and keys. */
  code: 'tax' | 'automated-tax' | 'classes' | 'locations' | 'currency' | 'discounts-off'
  message: string
}

/**
 * @example companyLimits({ AccountingInfoPrefs: { ClassTrackingPerTxn: true } }, inv)
 *   // [{ code: 'classes', message: 'This company tracks classes in QuickBooks. …' }]
 */
export function companyLimits(raw: unknown, inv: Pick<Invoice, 'lines' | 'discount'>): CompanyLimit[] {
  const parsed = CompanyPrefs.safeParse(raw)
  if (!parsed.success) return []
  const p = parsed.data
  const out: CompanyLimit[] = []
  const home = p.CurrencyPrefs?.HomeCurrency?.value
  const taxed = inv.lines.some((l) => l.taxable)
  if (home !== undefined && home !== 'USD') {
    out.push({
      code: 'tax',
      message:
        `This company's books are in ${home}, with its country's tax codes. The tablet sets tax as a US rate, so ` +
        'check the tax codes on this invoice in QuickBooks after it arrives.',
    })
  } else if (p.TaxPrefs?.PartnerTaxEnabled === true && taxed) {
    out.push({
      code: 'automated-tax',
      message:
        'QuickBooks works out this company’s sales tax from the service address. The tablet sends its own tax ' +
        'amount, which QuickBooks keeps; it does not choose the tax agency.',
    })
  }
  const info = p.AccountingInfoPrefs
  if (info?.ClassTrackingPerTxn === true || info?.ClassTrackingPerTxnLine === true) {
    out.push({
      code: 'classes',
      message: 'This company tracks classes in QuickBooks. The invoice arrives without a class: add it there.',
    })
  }
  if (info?.TrackDepartments === true) {
    const word = (info.DepartmentTerminology ?? 'location').toLowerCase()
    out.push({
      code: 'locations',
      message: `This company tracks ${word}s in QuickBooks. The invoice arrives without a ${word}: add it there.`,
    })
  }
  if (p.CurrencyPrefs?.MultiCurrencyEnabled === true) {
    out.push({
      code: 'currency',
      message:
        `This company uses several currencies. The tablet invoices in ${home ?? 'the home currency'} only: ` +
        'QuickBooks refuses the invoice if this customer pays in another currency.',
    })
  }
  if (inv.discount !== undefined && p.SalesFormsPrefs?.AllowDiscount === false) {
    out.push({
      code: 'discounts-off',
      message:
        'Discounts are turned off in this company’s QuickBooks sales settings. Turn them on there, or remove ' +
        'the discount, before this invoice is sent.',
    })
  }
  return out
}
