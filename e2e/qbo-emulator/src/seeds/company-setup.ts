/**
 * What every seeded company starts with, as a new QuickBooks Online company does: CompanyInfo,
 * Preferences (custom transaction numbers off, so QuickBooks numbers invoices), a contractor's
 * chart of accounts with the accounts Intuit creates (Undeposited Funds, A/R), and one sales tax
 * code made of two rates so per-rate cent rounding shows.
 */
import type { Json } from '../company/types.ts'
import type { SeedBuilder } from './builder.ts'
import type { Numbering } from '../company/numbering.ts'
import { withNumbering } from '../company/numbering.ts'

const USD = { value: 'USD', name: 'United States Dollar' }

export function companyInfo(name: string, address: Json, email: string, startDate: string): Json {
  const addr = { Id: '1', ...address }
  return {
    CompanyName: name,
    LegalName: name,
    CompanyAddr: addr,
    LegalAddr: addr,
    CustomerCommunicationAddr: addr,
    Country: 'US',
    Email: { Address: email },
    WebAddr: {},
    FiscalYearStartMonth: 'January',
    SupportedLanguages: 'en',
    CompanyStartDate: startDate,
    NameValue: [
      { Name: 'SubscriptionStatus', Value: 'SUBSCRIBED' },
      { Name: 'OfferingSku', Value: 'QuickBooks Online Plus' },
      { Name: 'IndustryType', Value: 'Plumbing, Heating, and Air-Conditioning Contractors' },
      { Name: 'ItemCategoriesFeature', Value: 'true' },
    ],
    domain: 'QBO',
    sparse: false,
    Id: '1',
    SyncToken: '0',
    MetaData: { CreateTime: `${startDate}T09:00:00-08:00`, LastUpdatedTime: `${startDate}T09:00:00-08:00` },
  }
}

/** A new company's Preferences; `numbering` sets how it numbers invoices (custom numbers, duplicate refusal). */
export function preferences(numbering?: Partial<Numbering>): Json {
  return numbering ? withNumbering(basePreferences(), numbering) : basePreferences()
}

function basePreferences(): Json {
  return {
    AccountingInfoPrefs: { TrackDepartments: false, ClassTrackingPerTxn: false, CustomerTerminology: 'Customers' },
    SalesFormsPrefs: {
      CustomTxnNumbers: false,
      AllowDeposit: false,
      AllowDiscount: true,
      DefaultDiscountAccount: '86',
      AllowShipping: false,
      ETransactionEnabledStatus: 'NotApplicable',
    },
    CurrencyPrefs: { MultiCurrencyEnabled: false, HomeCurrency: { value: 'USD' } },
    TaxPrefs: { UsingSalesTax: true, PartnerTaxEnabled: false, TaxGroupCodeRef: { value: '2' } },
    ProductAndServicesPrefs: {
      ForSales: true,
      ForPurchase: true,
      QuantityWithPriceAndRate: true,
      QuantityOnHand: true,
    },
    OtherPrefs: {
      NameValue: [{ Name: 'SalesFormsPrefs.DefaultCustomerMessage', Value: 'Thank you for your business.' }],
    },
    domain: 'QBO',
    sparse: false,
    Id: '1',
    SyncToken: '0',
  }
}

export interface Chart {
  services: string
  materials: string
  checking: string
  undeposited: string
  inventoryAsset: string
  cogs: string
  taxCode: string
}

const account = (
  Name: string,
  AccountType: string,
  AccountSubType: string,
  Classification: string,
  Active = true,
): Json => ({
  Name,
  SubAccount: false,
  FullyQualifiedName: Name,
  Active,
  Classification,
  AccountType,
  AccountSubType,
  CurrentBalance: 0,
  CurrentBalanceWithSubAccounts: 0,
  CurrencyRef: USD,
})

export function setUpCompany(b: SeedBuilder): Chart {
  const services = b.put('Account', account('Services', 'Income', 'ServiceFeeIncome', 'Revenue'))
  const materials = b.put('Account', account('Sales of Product Income', 'Income', 'SalesOfProductIncome', 'Revenue'))
  const checking = b.put('Account', account('Checking', 'Bank', 'Checking', 'Asset'))
  b.put('Account', account('Savings', 'Bank', 'Savings', 'Asset'))
  const undeposited = b.put('Account', account('Undeposited Funds', 'Other Current Asset', 'UndepositedFunds', 'Asset'))
  b.put('Account', account('Accounts Receivable (A/R)', 'Accounts Receivable', 'AccountsReceivable', 'Asset'))
  const inventoryAsset = b.put('Account', account('Inventory Asset', 'Other Current Asset', 'Inventory', 'Asset'))
  const cogs = b.put('Account', account('Cost of Goods Sold', 'Cost of Goods Sold', 'SuppliesMaterialsCogs', 'Expense'))
  b.put('Account', account('Subcontractors', 'Cost of Goods Sold', 'CostOfLaborCos', 'Expense'))
  b.put('Account', account('Job Supplies', 'Expense', 'SuppliesMaterials', 'Expense'))
  b.put('Account', account('Vehicle Fuel', 'Expense', 'Auto', 'Expense'))
  b.put('Account', account('Tools and Small Equipment', 'Expense', 'EquipmentRental', 'Expense'))
  b.put('Account', account('Accounts Payable (A/P)', 'Accounts Payable', 'AccountsPayable', 'Liability'))
  b.put('Account', account('Board of Equalization Payable', 'Other Current Liability', 'SalesTaxPayable', 'Liability'))
  b.put('Account', account('Opening Balance Equity', 'Equity', 'OpeningBalanceEquity', 'Equity'))
  b.put('Account', account('Discounts given', 'Income', 'DiscountsRefundsGiven', 'Revenue'))
  b.put('Account', account('Snow Removal Income', 'Income', 'ServiceFeeIncome', 'Revenue', false))

  const state = b.put('TaxRate', {
    Name: 'California',
    Description: 'California state sales tax',
    Active: true,
    RateValue: 7.25,
    AgencyRef: { value: '1' },
    SpecialTaxType: 'NONE',
    DisplayType: 'ReadOnly',
    EffectiveTaxRate: [{ RateValue: 7.25, EffectiveDate: '2017-01-01T00:00:00-08:00' }],
  })
  const county = b.put('TaxRate', {
    Name: 'Sacramento County',
    Description: 'Sacramento County district tax',
    Active: true,
    RateValue: 1.5,
    AgencyRef: { value: '1' },
    SpecialTaxType: 'NONE',
    DisplayType: 'ReadOnly',
    EffectiveTaxRate: [{ RateValue: 1.5, EffectiveDate: '2017-01-01T00:00:00-08:00' }],
  })
  b.put('TaxCode', {
    Name: 'Out of state',
    Description: 'No sales tax',
    Active: true,
    Taxable: false,
    TaxGroup: false,
    SalesTaxRateList: { TaxRateDetail: [] },
    PurchaseTaxRateList: { TaxRateDetail: [] },
  })
  const taxCode = b.put('TaxCode', {
    Name: 'Sacramento',
    Description: 'California + Sacramento County',
    Active: true,
    Taxable: true,
    TaxGroup: true,
    SalesTaxRateList: {
      TaxRateDetail: [
        { TaxRateRef: { value: state, name: 'California' }, TaxTypeApplicable: 'TaxOnAmount', TaxOrder: 0 },
        { TaxRateRef: { value: county, name: 'Sacramento County' }, TaxTypeApplicable: 'TaxOnAmount', TaxOrder: 0 },
      ],
    },
    PurchaseTaxRateList: { TaxRateDetail: [] },
  })
  return { services, materials, checking, undeposited, inventoryAsset, cogs, taxCode }
}
