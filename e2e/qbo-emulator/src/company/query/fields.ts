/**
 * Which properties each entity lets a query filter and sort on (Intuit's reference pages mark
 * them "filterable"/"sortable"); anything else is a 4001 QueryValidationError, as at Intuit.
 * Also each entity's default order: name lists by name, transactions newest first, as in the
 * recorded sandbox query responses.
 */
import type { EntityName } from '../types.ts'

const META = ['Id', 'MetaData.CreateTime', 'MetaData.LastUpdatedTime']
const NAMES = [
  'DisplayName',
  'GivenName',
  'MiddleName',
  'FamilyName',
  'Title',
  'Suffix',
  'CompanyName',
  'PrimaryEmailAddr',
  'PrimaryPhone',
  'PrintOnCheckName',
  'Active',
  'Balance',
  'FullyQualifiedName',
]

export const QUERYABLE: Record<EntityName, readonly string[]> = {
  Customer: [...META, ...NAMES, 'Job', 'ParentRef', 'Level', 'Taxable', 'BalanceWithJobs'],
  Vendor: [...META, ...NAMES],
  Employee: [...META, ...NAMES],
  Item: [
    ...META,
    'Name',
    'Active',
    'Type',
    'Sku',
    'FullyQualifiedName',
    'Taxable',
    'UnitPrice',
    'QtyOnHand',
    'ParentRef',
    'Level',
  ],
  Account: [
    ...META,
    'Name',
    'Active',
    'AccountType',
    'AccountSubType',
    'Classification',
    'FullyQualifiedName',
    'CurrentBalance',
    'AcctNum',
    'SubAccount',
  ],
  TaxCode: [...META, 'Name', 'Active', 'Taxable', 'TaxGroup'],
  TaxRate: [...META, 'Name', 'Active', 'RateValue'],
  Invoice: [
    ...META,
    'DocNumber',
    'TxnDate',
    'DueDate',
    'CustomerRef',
    'TotalAmt',
    'Balance',
    'EmailStatus',
    'PrintStatus',
  ],
  Payment: [...META, 'TxnDate', 'CustomerRef', 'TotalAmt', 'UnappliedAmt', 'PaymentRefNum'],
}

export const DEFAULT_ORDER: Record<EntityName, { prop: string; desc: boolean }[]> = {
  Customer: [{ prop: 'FullyQualifiedName', desc: false }],
  Vendor: [{ prop: 'DisplayName', desc: false }],
  Employee: [{ prop: 'DisplayName', desc: false }],
  Item: [{ prop: 'FullyQualifiedName', desc: false }],
  Account: [{ prop: 'FullyQualifiedName', desc: false }],
  TaxCode: [{ prop: 'Name', desc: false }],
  TaxRate: [{ prop: 'Name', desc: false }],
  Invoice: [
    { prop: 'TxnDate', desc: true },
    { prop: 'Id', desc: true },
  ],
  Payment: [
    { prop: 'TxnDate', desc: true },
    { prop: 'Id', desc: true },
  ],
}

/** The canonical spelling of a queryable property, matched case-insensitively. */
export function canonicalProp(entity: EntityName, prop: string): string | undefined {
  const lower = prop.toLowerCase()
  return QUERYABLE[entity].find((p) => p.toLowerCase() === lower)
}
