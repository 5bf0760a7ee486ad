export {
  customTxnNumbersOf,
  highestNumber,
  nextFreeNumber,
  numericDocNumber,
  renumber,
  renumberSummary,
} from './numbering.ts'
export type { CompanyNumbering, Renumbered, RenumberInput, RenumberPlan, Unsent } from './numbering.ts'
export { numberFromQuickBooks, renumberSettlement, withQuickBooksNumber } from './settle.ts'
export { hasInvoiceKey, invoiceCreateBody, invoiceKey } from '../map/invoice-key.ts'
