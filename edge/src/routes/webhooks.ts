/**
 * `POST /webhooks/intuit`: checks Intuit's signature over the raw bytes, then records per realm
 * what changed. Answers fast (Intuit wants 200 within 3 s) and never echoes the payload: only
 * counts of changes recorded, ignored (malformed realm id) and failed (that realm's gate threw).
 */
import { Hono } from 'hono'
import type { AppEnv } from '../env.ts'
import { apiError } from '../errors.ts'
import { readBounded } from '../http/bounded-body.ts'
import { parseWebhook } from '../webhooks/payload.ts'
import { deliveryKey, WEBHOOK_LEDGER, withinWindow } from '../webhooks/replay.ts'
import { verifyIntuitSignature } from '../webhooks/signature.ts'

export const webhookRoutes = new Hono<AppEnv>()

/** Generous: Intuit sets no limit, but batches up to five minutes of events across companies. */
const MAX_WEBHOOK_BYTES = 2 * 1024 * 1024

webhookRoutes.post('/intuit', async (c) => {
  // Bounded before the signature is checked: anyone can post, and HMAC reads every byte.
  const read = await readBounded(c.req.raw, MAX_WEBHOOK_BYTES)
  if (!read.ok) return apiError(c, 'bad_request', 'The webhook body is too large.')
  const raw = read.value
  const signature = c.req.header('intuit-signature')
  if (!signature) return apiError(c, 'bad_signature', 'The intuit-signature header is missing.')
  if (!(await verifyIntuitSignature(c.get('config').webhookVerifier, raw, signature))) {
    return apiError(c, 'bad_signature', 'The intuit-signature does not match the body.')
  }
  let json: unknown
  try {
    json = JSON.parse(new TextDecoder().decode(raw))
  } catch {
    return apiError(c, 'bad_request', 'The webhook body is not JSON.')
  }
  const changes = parseWebhook(json)
  if (!changes) return apiError(c, 'bad_request', 'The webhook body is not an Intuit notification.')
  // Acknowledged either way, so Intuit stops sending it; recorded only once and only when current.
  const { webhookWindowMs } = c.get('config')
  const now = Date.now()
  if (!withinWindow(json, now, webhookWindowMs)) {
    console.warn('webhook: delivery dated outside the window, ignored')
    return c.json({ received: 0, ignored: 0, failed: 0, replay: true })
  }
  const key = await deliveryKey(json, new TextDecoder().decode(raw))
  const ledger = c.env.REALM_GATE.getByName(WEBHOOK_LEDGER)
  if (!(await ledger.claimWebhook(key, now, webhookWindowMs))) {
    console.warn('webhook: replayed delivery ignored')
    return c.json({ received: 0, ignored: 0, failed: 0, replay: true })
  }
  const realms = [...changes.byRealm]
  const outcomes = await Promise.allSettled(
    realms.map(([realmId, list]) => c.env.REALM_GATE.getByName(realmId).recordChanges(list)),
  )
  let received = 0
  let failed = 0
  outcomes.forEach((outcome, i) => {
    const [realmId, list] = realms[i]!
    if (outcome.status === 'fulfilled') received += list.length
    else {
      failed += list.length
      console.error('webhook: changes not recorded', { realmId, changes: list.length, error: String(outcome.reason) })
    }
  })
  // 200 even when a company's gate failed: Intuit would resend the whole delivery, and hold later
  // ones, until acknowledged (docs/quickbooks.md §10.3). The app's CDC pull catches what was not recorded.
  return c.json({ received, ignored: changes.ignored, failed, replay: false })
})
