/**
 * The way out for a payment the runner holds as unverified (sent, no answer came back, and claimed before creates
 * carried the app's key, so nothing finds it in QuickBooks): the user looks and says. "It is in QuickBooks" links
 * it to the QuickBooks payment they pick, offered from its customer's payments of that amount near that date;
 * "it is not" lets the claim go (`resendHeldPayment` in db/sync-requests.ts), so the next sync sends it anew.
 * @module
 */
import type { OutboxRow, Payment } from '#shared/domain/index.ts'
import { toCents } from '#shared/money.ts'
import { addDays } from '#shared/date-only.ts'
import { err, ok, type Result } from '#shared/result.ts'
import { fieldsOf, linkSettlement, localFault, LOOKUP_PAGE, qboString, UNVERIFIED_PAYMENT_CODE } from './core/index.ts'
import type { SyncFault } from './core/index.ts'
import type { LocalSnapshot, QboEntity } from './ports.ts'
import type { RunnerDeps } from './runner/index.ts'

/** A QuickBooks payment offered as the held one: what the user compares with QuickBooks' own screen. */
export interface QboPaymentChoice {
  qboId: string
  date: string
  /** Cents. */
  amount: number
  reference?: string
  note?: string
}

export interface HeldPaymentLink {
  localId: string
  qboId: string
}

type Deps = Pick<RunnerDeps, 'store' | 'gateway' | 'clock' | 'realmId'>

/** Days either side of the payment's date searched: a bookkeeper may have entered it on another day. */
const NEAR_DAYS = 7

interface Held {
  payment: Payment
  rows: OutboxRow[]
  customerId: string
  date: string
  amount: number
}

function heldIn(snap: LocalSnapshot, localId: string): Result<Held, SyncFault> {
  const payment = snap.records.payments.find((p) => p.id === localId)
  if (!payment) return err(localFault('missing-record', 'This payment is no longer on this device.'))
  const rows = snap.outbox.filter(
    (r) => r.kind === 'payment' && r.localId === localId && r.lastError?.code === UNVERIFIED_PAYMENT_CODE,
  )
  if (rows.length === 0) return err(localFault('not-held', 'This payment is no longer waiting for your answer.'))
  const customer = snap.mappings.find(
    (m) => m.kind === 'contact' && m.localId === payment.contactId && m.status !== 'unlinked',
  )
  if (!customer)
    return err(
      localFault(
        'not-linked',
        "This payment's customer is not linked to QuickBooks, so it has no payments there to pick from.",
      ),
    )
  // What went out is what QuickBooks would hold, when the claim stored it; the record may have been edited since.
  const sent = rows.find((r) => r.sent)?.sent?.body as QboEntity | undefined
  const date = typeof sent?.['TxnDate'] === 'string' ? sent['TxnDate'] : payment.date
  const amount = typeof sent?.['TotalAmt'] === 'number' ? toCents(sent['TotalAmt']) : payment.amount
  return ok({ payment, rows, customerId: customer.qboId, date, amount })
}

const refOf = (v: unknown) => (v as { value?: unknown } | undefined)?.value
const text = (v: unknown) => (typeof v === 'string' && v !== '' ? v : undefined)

/** The customer's QuickBooks payments of the held one's amount within a week of its date, nearest first. */
export async function heldPaymentChoices(deps: Deps, localId: string): Promise<Result<QboPaymentChoice[], SyncFault>> {
  const snap = await deps.store.snapshot()
  const held = heldIn(snap, localId)
  if (!held.ok) return held
  const { customerId, date, amount } = held.value
  const from = addDays(date, -NEAR_DAYS),
    to = addDays(date, NEAR_DAYS)
  const res = await deps.gateway.query(
    `SELECT * FROM Payment WHERE CustomerRef = ${qboString(customerId)} AND TxnDate >= ${qboString(from)} ` +
      `AND TxnDate <= ${qboString(to)} MAXRESULTS ${LOOKUP_PAGE}`,
  )
  if (!res.ok) return res
  // One already linked to another payment here is that one's, not this one's.
  const taken = new Set(
    snap.mappings.filter((m) => m.kind === 'payment' && m.localId !== localId).map((m) => m.qboId as string),
  )
  const day = (d: string) => Math.abs(Date.parse(d) - Date.parse(date))
  const choices = ((res.value['Payment'] as QboEntity[] | undefined) ?? [])
    .filter(
      (e) =>
        refOf(e['CustomerRef']) === customerId &&
        typeof e['TotalAmt'] === 'number' &&
        toCents(e['TotalAmt']) === amount,
    )
    .filter(
      (e) => typeof e['TxnDate'] === 'string' && e['TxnDate'] >= from && e['TxnDate'] <= to && !taken.has(String(e.Id)),
    )
    .map((e): QboPaymentChoice => {
      const c: QboPaymentChoice = { qboId: String(e.Id), date: e['TxnDate'] as string, amount }
      const reference = text(e['PaymentRefNum']),
        note = text(e['PrivateNote'])
      if (reference) c.reference = reference
      if (note) c.note = note
      return c
    })
  return ok(choices.sort((a, b) => day(a.date) - day(b.date) || a.qboId.localeCompare(b.qboId)))
}

/**
 * "It is in QuickBooks — link it": the held rows are settled by linking the payment to the QuickBooks one the user
 * named, after checking it is this customer's and not already another payment's. QuickBooks holds the version that
 * was sent; an edit made since stays queued and goes as an update (with every field, since what QuickBooks holds
 * of it is then unknown here).
 */
export async function linkHeldPayment(deps: Deps, t: HeldPaymentLink): Promise<Result<{ qboId: string }, SyncFault>> {
  const snap = await deps.store.snapshot()
  const held = heldIn(snap, t.localId)
  if (!held.ok) return held
  const { payment, rows, customerId } = held.value
  if (snap.mappings.some((m) => m.kind === 'payment' && m.qboId === t.qboId && m.localId !== t.localId)) {
    return err(localFault('already-linked', 'That QuickBooks payment is already linked to another payment here.'))
  }
  const read = await deps.gateway.read('Payment', t.qboId)
  if (!read.ok) return read
  if (refOf(read.value['CustomerRef']) !== customerId) {
    return err(localFault('wrong-customer', "That QuickBooks payment is another customer's."))
  }
  const version = Math.max(...rows.map((r) => r.version))
  const s = linkSettlement({
    kind: 'payment',
    localId: payment.id,
    label: `Payment of ${payment.date}`,
    entity: read.value,
    record: payment,
    realmId: deps.realmId,
    at: new Date(deps.clock.now()).toISOString(),
    sent: { fields: payment.version === version ? fieldsOf(payment) : {}, version },
  })
  await deps.store.settle([
    {
      ...s,
      doneSeqs: rows.map((r) => r.seq),
      log: s.log.map((l) => ({ ...l, details: `${l.details}: you confirmed it is the payment sent earlier` })),
    },
  ])
  return ok({ qboId: t.qboId })
}
