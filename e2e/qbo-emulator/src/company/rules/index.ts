/** Which rules govern which entity, and which entities clients may write. */
import type { EntityRules } from './context.ts'
import type { EntityName } from '../types.ts'
import { accountRules } from './account.ts'
import { customerRules, employeeRules, vendorRules } from './customer.ts'
import { invoiceRules } from './invoice.ts'
import { itemRules } from './item.ts'
import { paymentRules } from './payment.ts'

export const RULES: Partial<Record<EntityName, EntityRules>> = {
  Customer: customerRules,
  Vendor: vendorRules,
  Employee: employeeRules,
  Item: itemRules,
  Account: accountRules,
  Invoice: invoiceRules,
  Payment: paymentRules,
}

/** Entities the emulator accepts writes for over the API (the rest are read and query only). */
export const WRITABLE: ReadonlySet<EntityName> = new Set(['Customer', 'Item', 'Account', 'Invoice', 'Payment'])
