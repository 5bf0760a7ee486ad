import { z } from 'zod'
import {
  entityFields,
  QboDate,
  QboEmailAddress,
  QboPhysicalAddress,
  QboRef,
  QboTelephoneNumber,
  QboWebSiteAddress,
} from './ref.ts'

/**
 * Customer (a contact, or a sub-customer/job when `Job` is true and `ParentRef` is set).
 * Intuit documents every name field as optional on its own: a create needs `DisplayName`
 * or one of Title/GivenName/MiddleName/FamilyName/Suffix.
 */
export const QboCustomer = z.looseObject({
  ...entityFields,
  DisplayName: z.string().optional(),
  Title: z.string().optional(),
  GivenName: z.string().optional(),
  MiddleName: z.string().optional(),
  FamilyName: z.string().optional(),
  Suffix: z.string().optional(),
  CompanyName: z.string().optional(),
  PrintOnCheckName: z.string().optional(),
  FullyQualifiedName: z.string().optional(),
  PrimaryEmailAddr: QboEmailAddress.optional(),
  PrimaryPhone: QboTelephoneNumber.optional(),
  Mobile: QboTelephoneNumber.optional(),
  AlternatePhone: QboTelephoneNumber.optional(),
  Fax: QboTelephoneNumber.optional(),
  WebAddr: QboWebSiteAddress.optional(),
  BillAddr: QboPhysicalAddress.optional(),
  ShipAddr: QboPhysicalAddress.optional(),
  Notes: z.string().optional(),
  Active: z.boolean().optional(),
  Job: z.boolean().optional(),
  IsProject: z.boolean().optional(),
  ParentRef: QboRef.optional(),
  BillWithParent: z.boolean().optional(),
  Level: z.number().int().optional(),
  Balance: z.number().optional(),
  BalanceWithJobs: z.number().optional(),
  OpenBalanceDate: QboDate.optional(),
  CurrencyRef: QboRef.optional(),
  Taxable: z.boolean().optional(),
  DefaultTaxCodeRef: QboRef.optional(),
  TaxExemptionReasonId: z.string().optional(),
  PreferredDeliveryMethod: z.enum(['Print', 'Email', 'None']).optional(),
  SalesTermRef: QboRef.optional(),
  PaymentMethodRef: QboRef.optional(),
})
export type QboCustomer = z.infer<typeof QboCustomer>
