/**
 * @module
 * The admin API's bookkeeper: what a person working in QuickBooks at the same time as the app does — enter an
 * invoice or payment, void one, merge two customers or items, put payments into a bank deposit, change how
 * invoices are numbered. Each
 * change goes through Intuit's rules and raises the webhook notice QuickBooks would. Edits and deletes are
 * `PATCH`/`DELETE /companies/:realmId/:entity/:id` in admin-routes.ts.
 */
import { Hono } from 'hono'
import { z } from 'zod'
import type { CompaniesPort } from '../companies-port.ts'
import { body, fail, outcome } from './admin-http.ts'

export const BOOKKEEPER_ROUTES = [
  'POST /companies/:realmId/bookkeeper/:entity',
  'POST /companies/:realmId/bookkeeper/:entity/:id/void',
  'POST /companies/:realmId/bookkeeper/deposit {paymentIds, held?}',
  'POST /companies/:realmId/bookkeeper/:entity/merge {fromId, intoId}',
  'PUT /companies/:realmId/numbering {customTxnNumbers?, warnDuplicateDocNumber?}',
]

const Record = z.record(z.string(), z.unknown())
const Merge = z.object({ fromId: z.string().min(1), intoId: z.string().min(1) })
const Deposit = z.object({ paymentIds: z.array(z.string().min(1)).min(1), held: z.boolean().default(true) })
const Numbering = z.object({ customTxnNumbers: z.boolean().optional(), warnDuplicateDocNumber: z.boolean().optional() })

export function bookkeeperRoutes(companies: CompaniesPort): Hono {
  const app = new Hono()
  const known = (realmId: string) => companies.list().some((co) => co.realmId === realmId)
  const missing = (c: Parameters<typeof fail>[0], realmId: string) => fail(c, 404, 'not_found', `No company ${realmId}`)

  app.post('/companies/:realmId/bookkeeper/deposit', async (c) => {
    const realmId = c.req.param('realmId')
    if (!known(realmId)) return missing(c, realmId)
    const b = await body(c, Deposit)
    if (!b.ok) return b.error
    return outcome(c, () => companies.bookkeeperDeposit(realmId, b.value.paymentIds, b.value.held))
  })
  app.post('/companies/:realmId/bookkeeper/:entity', async (c) => {
    const { realmId, entity } = c.req.param()
    if (!known(realmId)) return missing(c, realmId)
    const b = await body(c, Record)
    if (!b.ok) return b.error
    return outcome(c, () => companies.bookkeeperCreate(realmId, entity, b.value))
  })
  app.post('/companies/:realmId/bookkeeper/:entity/merge', async (c) => {
    const { realmId, entity } = c.req.param()
    if (!known(realmId)) return missing(c, realmId)
    const b = await body(c, Merge)
    if (!b.ok) return b.error
    return outcome(c, () => companies.bookkeeperMerge(realmId, entity, b.value.fromId, b.value.intoId))
  })
  app.post('/companies/:realmId/bookkeeper/:entity/:id/void', (c) => {
    const { realmId, entity, id } = c.req.param()
    if (!known(realmId)) return missing(c, realmId)
    return outcome(c, () => companies.bookkeeperVoid(realmId, entity, id))
  })
  app.put('/companies/:realmId/numbering', async (c) => {
    const realmId = c.req.param('realmId')
    const b = await body(c, Numbering)
    if (!b.ok) return b.error
    const prefs = companies.setNumbering(realmId, b.value)
    return prefs === undefined ? missing(c, realmId) : c.json(prefs)
  })
  return app
}
