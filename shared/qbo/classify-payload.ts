import type { z } from 'zod'
import { QboAccount } from './account.ts'
import { QboCompanyInfo } from './company-info.ts'
import { QboCustomer } from './customer.ts'
import {
  QboAccountResponse,
  QboAttachableResponse,
  QboBatchRequest,
  QboBatchResponse,
  QboCdcResponse,
  QboCompanyInfoResponse,
  QboCustomerResponse,
  QboInvoiceDeleteResponse,
  QboInvoiceResponse,
  QboItemResponse,
  QboPaymentDeleteResponse,
  QboPaymentResponse,
  QboQueryResponse,
} from './envelopes.ts'
import { QboFaultResponse, QboGatewayFaultResponse } from './fault.ts'
import { QboInvoice } from './invoice.ts'
import { QboItem } from './item.ts'
import { QboOpenIdDiscovery, QboTokenError, QboTokenResponse } from './oauth.ts'
import { QboPayment } from './payment.ts'
import { QboCloudEventBatch, QboWebhookNotification } from './webhook.ts'

// Picks the schema for a QuickBooks/Intuit JSON body by its shape, so recorded
// payloads can be checked without being listed one by one.

export type PayloadKind = { readonly name: string; readonly schema: z.ZodType }

const entities = {
  Customer: { entity: QboCustomer, response: QboCustomerResponse, deleted: undefined },
  Item: { entity: QboItem, response: QboItemResponse, deleted: undefined },
  Invoice: { entity: QboInvoice, response: QboInvoiceResponse, deleted: QboInvoiceDeleteResponse },
  Payment: { entity: QboPayment, response: QboPaymentResponse, deleted: QboPaymentDeleteResponse },
  Account: { entity: QboAccount, response: QboAccountResponse, deleted: undefined },
  CompanyInfo: { entity: QboCompanyInfo, response: QboCompanyInfoResponse, deleted: undefined },
} as const
type EntityName = keyof typeof entities

const envelopes: ReadonlyArray<readonly [key: string, name: string, schema: z.ZodType]> = [
  // Faults first: QuickBooks can answer 200 with a Fault.
  ['Fault', 'Fault', QboFaultResponse],
  ['fault', 'gateway fault', QboGatewayFaultResponse],
  ['QueryResponse', 'QueryResponse', QboQueryResponse],
  ['CDCResponse', 'CDCResponse', QboCdcResponse],
  ['BatchItemRequest', 'BatchItemRequest', QboBatchRequest],
  ['BatchItemResponse', 'BatchItemResponse', QboBatchResponse],
  ['AttachableResponse', 'AttachableResponse', QboAttachableResponse],
  ['eventNotifications', 'webhook', QboWebhookNotification],
  ['access_token', 'token response', QboTokenResponse],
  ['error', 'token error', QboTokenError],
  ['jwks_uri', 'OpenID discovery', QboOpenIdDiscovery],
]

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
}

function entityNamed(name: string | undefined): EntityName | undefined {
  const found = Object.keys(entities).find((key) => key.toLowerCase() === name?.toLowerCase())
  return found as EntityName | undefined
}

/**
 * The schema a body should satisfy, or undefined when its shape is not recognised.
 * `entityHint` (e.g. a folder name, "customer") says which entity a bare object is.
 */
export function classifyQboPayload(body: unknown, entityHint?: string): PayloadKind | undefined {
  if (Array.isArray(body)) {
    const allEvents = body.length > 0 && body.every((event) => isRecord(event) && 'specversion' in event)
    return allEvents ? { name: 'CloudEvents', schema: QboCloudEventBatch } : undefined
  }
  if (!isRecord(body)) return undefined

  for (const [key, name, schema] of envelopes) if (key in body) return { name, schema }

  for (const name of Object.keys(entities) as EntityName[]) {
    const wrapped = body[name]
    if (!isRecord(wrapped)) continue
    const { response, deleted } = entities[name]
    if (wrapped['status'] === 'Deleted' && deleted) return { name: `${name} delete response`, schema: deleted }
    return { name: `${name} response`, schema: response }
  }

  const hinted = entityNamed(entityHint)
  if (hinted && 'Id' in body) return { name: `bare ${hinted}`, schema: entities[hinted].entity }
  return undefined
}
