/**
 * Top-level properties Intuit's schema knows for each writable entity. Intuit rejects anything
 * else with 2010 "Request has invalid or unsupported property" (see the recorded
 * fault/validation-2010-unsupported-property fixture, which lists Invoice's known names), so a
 * client typo such as `DisplayNmae` fails here as it would there. The lists are the union of
 * Intuit's reference pages, that recorded list and every recorded payload — generous on purpose.
 */
import type { EntityName } from './types.ts'

const COMMON = ['Id', 'SyncToken', 'MetaData', 'domain', 'sparse', 'status', 'CustomField', 'AttachableRef']
const TXN = [
  'DocNumber', 'TxnDate', 'PrivateNote', 'LinkedTxn', 'Line', 'TxnTaxDetail', 'CurrencyRef', 'ExchangeRate', 'DepartmentRef', 'ClassRef', 'TxnSource',
  'TransactionLocationType', 'TotalAmt', 'HomeTotalAmt', 'TxnStatus', 'TaxExemptionRef', 'GlobalTaxCalculation', 'ProjectRef', 'RecurDataRef', 'TxnApprovalInfo', 'Tag',
]

const FIELDS: Partial<Record<EntityName, readonly string[]>> = {
  Customer: [
    ...COMMON, 'DisplayName', 'Title', 'GivenName', 'MiddleName', 'FamilyName', 'Suffix', 'FullyQualifiedName', 'CompanyName', 'PrintOnCheckName', 'Active',
    'PrimaryPhone', 'AlternatePhone', 'Mobile', 'Fax', 'PrimaryEmailAddr', 'WebAddr', 'OtherContactInfo', 'DefaultTaxCodeRef', 'Taxable', 'TaxExemptionReasonId',
    'BillAddr', 'ShipAddr', 'OtherAddr', 'Notes', 'Job', 'BillWithParent', 'ParentRef', 'Level', 'SalesTermRef', 'PaymentMethodRef', 'Balance', 'OpenBalanceDate',
    'BalanceWithJobs', 'CurrencyRef', 'PreferredDeliveryMethod', 'ResaleNum', 'ARAccountRef', 'PrimaryTaxIdentifier', 'SecondaryTaxIdentifier', 'BusinessNumber',
    'GSTIN', 'GSTRegistrationType', 'IsProject', 'ClientEntityId', 'V4IDPseudonym', 'CustomerTypeRef', 'TaxRegimeId', 'Source', 'SalesRepRef', 'ShipMethodRef',
  ],
  Item: [
    ...COMMON, 'Name', 'Sku', 'Description', 'Active', 'SubItem', 'ParentRef', 'Level', 'FullyQualifiedName', 'Taxable', 'SalesTaxIncluded', 'UnitPrice', 'RatePercent',
    'Type', 'PaymentMethodRef', 'UQCDisplayText', 'UQCId', 'IncomeAccountRef', 'PurchaseDesc', 'PurchaseTaxIncluded', 'PurchaseCost', 'ExpenseAccountRef', 'COGSAccountRef',
    'AssetAccountRef', 'PrefVendorRef', 'AvgCost', 'TrackQtyOnHand', 'QtyOnHand', 'QtyOnPurchaseOrder', 'QtyOnSalesOrder', 'ReorderPoint', 'ManPartNum', 'DepositToAccountRef',
    'SalesTaxCodeRef', 'PurchaseTaxCodeRef', 'InvStartDate', 'BuildPoint', 'PrintGroupedItems', 'SpecialItem', 'SpecialItemType', 'ItemGroupDetail', 'ItemAssemblyDetail',
    'AbatementRate', 'ReverseChargeRate', 'ServiceType', 'ItemCategoryType', 'ItemEx', 'TaxClassificationRef', 'ClassRef', 'DeferredRevenue', 'Source',
  ],
  Invoice: [
    ...COMMON, ...TXN, 'AllowIPNPayment', 'AllowOnlinePayment', 'AllowOnlineACHPayment', 'AllowOnlineCreditCardPayment', 'ApplyTaxAfterDiscount', 'AutoDocNumber',
    'BillAddr', 'ShipAddr', 'ShipFromAddr', 'FreeFormAddress', 'BillEmail', 'BillEmailCc', 'BillEmailBcc', 'ConvenienceFeeDetail', 'CustomerMemo', 'CustomerRef',
    'DeliveryInfo', 'DepositToAccountRef', 'Deposit', 'DiscountRate', 'DueDate', 'ECloudStatusTimeStamp', 'EInvoiceStatus', 'EmailStatus', 'FOB', 'Balance', 'HomeBalance',
    'InvoiceEx', 'InvoiceLink', 'LessCIS', 'PONumber', 'PaymentDetailsMessage', 'PaymentMethodRef', 'PaymentRefNum', 'PrintStatus', 'RemitToRef', 'SalesRepRef',
    'SalesTermRef', 'ShipDate', 'ShipMethodRef', 'TaxFormNum', 'TaxFormType', 'TrackingNum', 'callToAction', 'invoiceStatusLog',
  ],
  Payment: [
    ...COMMON, ...TXN, 'CustomerRef', 'ARAccountRef', 'DepositToAccountRef', 'PaymentMethodRef', 'PaymentRefNum', 'CreditCardPayment', 'UnappliedAmt', 'ProcessPayment',
    'PaymentType', 'CheckPayment', 'TaxExemptionRef',
  ],
  Account: [
    ...COMMON, 'Name', 'SubAccount', 'ParentRef', 'Description', 'FullyQualifiedName', 'AccountAlias', 'TxnLocationType', 'Active', 'Classification', 'AccountType',
    'AccountSubType', 'AcctNum', 'BankNum', 'OpeningBalance', 'OpeningBalanceDate', 'CurrentBalance', 'CurrentBalanceWithSubAccounts', 'CurrencyRef', 'TaxAccount',
    'TaxCodeRef', 'OnlineBankingEnabled', 'FIName', 'JournalCodeRef',
  ],
}

const SETS = new Map(Object.entries(FIELDS).map(([e, list]) => [e, new Set(list)]))

/** The first property of `body` Intuit would not recognise for `entity`, if any. */
export function unknownField(entity: EntityName, body: Record<string, unknown>): string | undefined {
  const known = SETS.get(entity)
  if (!known) return undefined
  return Object.keys(body).find((k) => !known.has(k))
}
