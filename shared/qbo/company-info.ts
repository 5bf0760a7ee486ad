import { z } from 'zod'
import {
  entityFields,
  QboDate,
  QboEmailAddress,
  QboPhysicalAddress,
  QboTelephoneNumber,
  QboWebSiteAddress,
} from './ref.ts'

/** `NameValue` extensions, e.g. `SubscriptionStatus`, `OfferingSKU`, `ItemCategoriesFeature`. */
export const QboNameValue = z.looseObject({ Name: z.string(), Value: z.string().optional() })
export type QboNameValue = z.infer<typeof QboNameValue>

/** CompanyInfo (`GET …/companyinfo/{realmId}`): the cheap "is the connection alive" read. */
export const QboCompanyInfo = z.looseObject({
  ...entityFields,
  CompanyName: z.string(),
  LegalName: z.string().optional(),
  CompanyAddr: QboPhysicalAddress.optional(),
  LegalAddr: QboPhysicalAddress.optional(),
  CustomerCommunicationAddr: QboPhysicalAddress.optional(),
  CustomerCommunicationEmailAddr: QboEmailAddress.optional(),
  Email: QboEmailAddress.optional(),
  PrimaryPhone: QboTelephoneNumber.optional(),
  WebAddr: QboWebSiteAddress.optional(),
  Country: z.string().optional(),
  CompanyStartDate: QboDate.optional(),
  FiscalYearStartMonth: z.string().optional(),
  SupportedLanguages: z.string().optional(),
  EmployerId: z.string().optional(),
  NameValue: z.array(QboNameValue).optional(),
})
export type QboCompanyInfo = z.infer<typeof QboCompanyInfo>
