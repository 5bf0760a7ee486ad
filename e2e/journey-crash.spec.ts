/**
 * The sync worker killed mid-push, for real: Chromium, the production build, IndexedDB, the worker, the edge and
 * the emulator. A company of the journey's own gets the demo records through the initial sync; then, offline, new
 * contacts, items, finalized invoices and payments, edits of synced records and a void are queued. The emulator
 * holds each call of that company for two seconds (its chaos "stall"), so a push spans several seconds with a
 * write on its way most of the time. Back online the push starts, and the page is reloaded (which terminates its
 * worker) 20 times, each while a write is on its way — part of the time the emulator also applies each write and
 * drops the connection before answering. After each reload the app resumes, by itself or by Sync Now. At the end
 * the outbox is empty and QuickBooks holds every record exactly once, with the latest edits and the void.
 */
import { mkdirSync, writeFileSync } from 'node:fs'
import { expect, test, type Page, type Request, type Worker } from '@playwright/test'
import { admin, company, connectFromCard, nav, newContact, openContact, pending, realmOf, syncNow } from './journey-steps.ts'

/** How long the emulator holds each call of the company (then answers): a write is on its way for at least this long. */
const HOLD_MS = 2_000
const KILLS = 20
/**
 * After the first kill the push is three writes one after another: the batch of new contacts and items, edits,
 * finalized drafts and a payment on a synced invoice (the void goes beside it), the batch of new invoices and a
 * payment, the batch of the last payments. A kill lands on the first write of its page, mostly a replay of the
 * write the last kill cut off; two kills, one in each window (picked by the seed), first let a write come back and
 * land on the next one, so the kills walk through all three.
 */
const ADVANCE_WINDOWS = [[2, 6], [12, 16]] as const
/** Kills made while the emulator applies every write and then drops its connection, so the app never hears the answer. */
const DROPPING = new Set([7, 8, 17, 18])
/**
 * During this kill's page a contact is edited again while the batch carrying its first edit is on its way (held
 * by the emulator meanwhile): the claimed send must stay as it was, and the second edit follow it.
 */
const EDIT_AGAIN = 1
/** After these kills the app is given a moment to resume the push by itself before Sync Now is clicked. */
const LEFT_ALONE = new Set([1, 5, 9, 13])
const chaosFor = (cycle: number) => DROPPING.has(cycle)
  ? { probability: 1, kinds: ['dropAfterWrite'], seed: 7 + cycle }
  : { probability: 1, kinds: ['stall'], stallMs: cycle === EDIT_AGAIN ? 60_000 : HOLD_MS, seed: 7 + cycle }

type Json = Record<string, unknown>

/**
 * A company of its own with the sandbox's chart of accounts, tax codes and vendors but no customers, items,
 * invoices or payments: what is in QuickBooks at the end is then exactly what this journey sent.
 */
async function emptyCompany(page: Page, name: string): Promise<string> {
  const list = (await (await page.request.get(admin('/companies'))).json()) as { realmId: string; companyName: string }[]
  const source = list.find((c) => !c.companyName.startsWith('Journey'))!.realmId
  const snap = (await (await page.request.get(admin(`/companies/${source}`))).json()) as { companyInfo: Json; entities: Record<string, Json[]> } & Json
  const { Customer: _c, Item: _i, Invoice: _n, Payment: _p, ...kept } = snap.entities
  const realmId = `93${String(Math.floor(Math.random() * 1e14)).padStart(14, '0')}`
  const res = await page.request.post(admin(`/companies/${realmId}/seed`), {
    data: { ...snap, realmId, entities: kept, deleted: [], companyInfo: { ...snap.companyInfo, CompanyName: name } },
  })
  expect(res.ok()).toBe(true)
  return realmId
}

type Local = {
  outbox: { kind: string; localId: string; lastError?: { message: string } }[]
  contacts: { id: string; displayName: string; deletedAt?: string }[]
  items: { name: string; unitPrice: number; deletedAt?: string }[]
  invoices: { number?: string; status: string; total: number; balance: number }[]
  payments: { contactId: string; amount: number; deletedAt?: string }[]
}

/** The app's IndexedDB as it is on the tablet, read without going through the app. */
function local(page: Page): Promise<Local> {
  return page.evaluate(() => new Promise<Local>((resolve, reject) => {
    const open = indexedDB.open('fieldsync')
    open.onerror = () => reject(open.error)
    open.onsuccess = () => {
      const db = open.result
      const tx = db.transaction(['outbox', 'contacts', 'items', 'invoices', 'payments'], 'readonly')
      const all = (store: string) => new Promise<unknown[]>((res) => { const r = tx.objectStore(store).getAll(); r.onsuccess = () => res(r.result) })
      void Promise.all([all('outbox'), all('contacts'), all('items'), all('invoices'), all('payments')]).then(([outbox, contacts, items, invoices, payments]) => {
        db.close()
        resolve({ outbox, contacts, items, invoices, payments } as Local)
      })
    }
  }))
}

/** Park–Miller, as the in-process crash test uses: the same seed gives the same kill points. */
function seeded(seed: number): () => number {
  let s = seed
  return () => (s = (s * 16807) % 2147483647) / 2147483647
}

/** Every write the page's sync worker sends to the edge (batch or single entity POST), and what became of it. */
type Write = { cycle: number; request: Request; requestId: string | null; sentAt: number; state: 'on its way' | 'answered' | 'cut off'; status?: number }

/**
 * Watches the page's sync workers and their writes. Each page's worker is one cycle: the count moves on when the
 * worker closes, before the next page's worker exists, so a write is always counted with the worker that sent it.
 */
function watchWrites(page: Page) {
  const writes: Write[] = []
  let cycle = 0
  let worker: Worker | undefined
  let waiters: (() => void)[] = []
  const changed = () => { for (const w of waiters) w() }
  const adopt = (w: Worker) => {
    if (!w.url().includes('sync.worker')) return
    worker = w
    w.once('close', () => { cycle++; worker = undefined; changed() })
  }
  page.workers().forEach(adopt)
  page.on('worker', adopt)
  const isWrite = (r: Request) => r.method() === 'POST' && new URL(r.url()).pathname.startsWith('/api/qbo/')
  page.on('request', (r) => {
    if (!isWrite(r)) return
    writes.push({ cycle, request: r, requestId: new URL(r.url()).searchParams.get('requestid'), sentAt: Date.now(), state: 'on its way' })
    changed()
  })
  const find = (r: Request) => writes.find((x) => x.request === r)
  page.on('requestfinished', (r) => {
    const w = find(r)
    if (!w) return
    w.state = 'answered'
    void r.response().then((res) => { w.status = res?.status(); changed() })
  })
  page.on('requestfailed', (r) => {
    const w = find(r)
    if (w) { w.state = 'cut off'; changed() }
  })
  return {
    of: (c: number) => writes.filter((w) => w.cycle === c),
    get cycle() { return cycle },
    /** Resolves as soon as `ready()` holds, checked on every event: a kill must follow its write within the hold. */
    until(ready: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => { done(); reject(new Error(`Timed out waiting for ${what}`)) }, timeoutMs)
        const check = () => { if (ready()) { done(); resolve() } }
        const done = () => { clearTimeout(timer); waiters = waiters.filter((w) => w !== check) }
        waiters.push(check)
        check()
      })
    },
    /** Reloads the page, which terminates its sync worker, and waits until that worker is gone. */
    async kill(): Promise<void> {
      expect(worker, 'the sync worker is running').toBeDefined()
      const from = cycle
      await page.reload()
      await this.until(() => cycle > from, 'the sync worker to close')
    },
  }
}

type Writes = ReturnType<typeof watchWrites>

test('the page reloaded at 20 points mid-push: QuickBooks ends with every record once, the latest edits and the void', async ({ page, context }) => {
  test.setTimeout(90_000)
  const rand = seeded(20_261_203)

  // The demo records reach a company of this journey's own through the initial sync.
  await page.goto('/?demo=1#/settings')
  await expect(page.getByTestId('demo-notice')).toHaveCount(0, { timeout: 20_000 })
  await page.goto('/#/settings')
  const ownRealm = await emptyCompany(page, 'Journey Crash Plumbing')
  const card = await connectFromCard(page, 'Connect', ownRealm)
  await card.getByLabel('Sync automatically').uncheck()
  await card.getByLabel('Income account for new items').selectOption({ index: 1 })
  await card.getByLabel('Expense account for new items').selectOption({ index: 1 })
  await card.getByRole('link', { name: /Initial sync/ }).click()
  await page.getByRole('button', { name: 'Preview initial sync' }).click()
  await expect(page.getByTestId('sync-preview')).toBeVisible({ timeout: 30_000 })
  await page.getByRole('button', { name: 'Run initial sync' }).click()
  await expect(page.getByTestId('initial-sync-done')).toContainText('0 need attention', { timeout: 60_000 })
  await expect(pending(page)).toHaveText('0')
  const realmId = await realmOf(page)
  expect(realmId).toBe(ownRealm)

  // Offline (so nothing goes before the push is started), the day's work is queued through the UI.
  await page.evaluate(async () => {
    await navigator.serviceWorker.ready
    if (!navigator.serviceWorker.controller) {
      await new Promise<void>((resolve) => navigator.serviceWorker.addEventListener('controllerchange', () => resolve(), { once: true }))
    }
  })
  await context.setOffline(true)
  const queued = await queueWork(page)
  await expect(pending(page)).toHaveText(String(queued.records))

  await page.request.put(admin(`/companies/${realmId}/chaos`), { data: chaosFor(0) })
  await nav(page, 'Settings')
  const writes = watchWrites(page)
  await context.setOffline(false)
  await syncNow(page)

  await killMidPush(page, writes, realmId, rand, queued.amyPhone.second)

  // Every kill's writes had reached QuickBooks: the emulator logs a call once it has handled it, client gone or not.
  const logged = new Set(((await (await page.request.get(admin(`/requests?realmId=${realmId}`))).json()) as { requestId: string | null }[]).map((e) => e.requestId))
  for (let cycle = 0; cycle < KILLS; cycle++) {
    expect(writes.of(cycle).some((w) => logged.has(w.requestId)), `cycle ${cycle}: a write reached QuickBooks`).toBe(true)
  }

  // The emulator is well again; Sync Now until the outbox is empty.
  await page.request.delete(admin(`/companies/${realmId}/chaos`))
  // Anything still queued is listed with the error it last met, so a record stuck for good is named.
  await expect.poll(async () => {
    await syncNow(page)
    return (await local(page)).outbox.map((r) => `${r.kind} ${r.localId}: ${r.lastError?.message ?? 'waiting'}`)
  }, { message: 'the outbox empties once QuickBooks answers normally', timeout: 30_000, intervals: [2_000] }).toEqual([])
  await expect(pending(page)).toHaveText('0')
  const here = await local(page)

  const qbo = await company(page, realmId)
  const sorted = (xs: unknown[]) => xs.map(String).sort()
  const contacts = here.contacts.filter((c) => !c.deletedAt)
  const customers = qbo['Customer'] ?? []
  expect(sorted(customers.map((c) => c['DisplayName']))).toEqual(sorted(contacts.map((c) => c.displayName)))
  const customer = (name: string) => customers.find((c) => c['DisplayName'] === name)!
  expect((customer('Amy Chen')['PrimaryPhone'] as Json)['FreeFormNumber']).toBe(queued.amyPhone.second)
  expect((customer('Kim Lee')['PrimaryEmailAddr'] as Json)['Address']).toBe(queued.kimEmail)

  const items = qbo['Item'] ?? []
  expect(sorted(items.map((i) => i['Name']))).toEqual(sorted(here.items.filter((i) => !i.deletedAt).map((i) => i.name)))
  expect(items.find((i) => i['Name'] === 'Drain Cleaning')!['UnitPrice']).toBe(queued.drainPrice)

  const finalized = here.invoices.filter((i) => i.status !== 'draft')
  const invoices = qbo['Invoice'] ?? []
  expect(sorted(invoices.map((i) => i['DocNumber']))).toEqual(sorted(finalized.map((i) => i.number)))
  const invoice = (n: string) => invoices.find((i) => i['DocNumber'] === n)!
  expect(invoice(queued.voided)['TotalAmt']).toBe(0)
  expect(String(invoice(queued.voided)['PrivateNote'])).toMatch(/^Voided/)
  expect((invoice(queued.memo.number)['CustomerMemo'] as Json)['value']).toBe(queued.memo.text)
  // Each payment applied once: what QuickBooks shows paid on each invoice is what the tablet shows.
  for (const inv of finalized.filter((i) => i.status !== 'void')) {
    const there = invoice(inv.number!)
    expect(Math.round((Number(there['TotalAmt']) - Number(there['Balance'])) * 100), `paid on invoice ${inv.number}`).toBe(inv.total - inv.balance)
  }

  const nameOf = new Map(contacts.map((c) => [c.id, c.displayName]))
  const payments = qbo['Payment'] ?? []
  expect(sorted(payments.map((p) => `${(p['CustomerRef'] as Json)['name']} ${Math.round(Number(p['TotalAmt']) * 100)}`)))
    .toEqual(sorted(here.payments.filter((p) => !p.deletedAt).map((p) => `${nameOf.get(p.contactId)} ${p.amount}`)))
})

/**
 * The 20 kills. Each waits for a write of the page's push to be sent (after an answer, on the advancing kills),
 * reloads the page at a seeded moment while that write is on its way, checks the kill landed mid-push, and lets
 * the next page resume: by itself or by Sync Now. Where each kill landed goes to the test's output as kills.txt.
 */
async function killMidPush(page: Page, writes: Writes, realmId: string, rand: () => number, amyPhone: string): Promise<void> {
  const advancing = new Set(ADVANCE_WINDOWS.map(([from, to]) => from + Math.floor(rand() * (to - from + 1))))
  const kills: string[] = []
  const resumed = { alone: 0, beforeClick: 0 }
  try {
    for (let cycle = 0; cycle < KILLS; cycle++) {
      expect(writes.cycle).toBe(cycle)
      // A push that stops sending with work still queued is named by what the outbox holds and why.
      const orStuck = (wait: Promise<void>) => wait.catch(async (e: unknown) => {
        const rows = (await local(page)).outbox.map((r) => `${r.kind} ${r.localId}: ${r.lastError?.message ?? 'no error'}`)
        throw new Error(`${e instanceof Error ? e.message : String(e)}; the outbox holds ${rows.length}: ${rows.join('; ')}`)
      })
      await orStuck(writes.until(() => writes.of(cycle).length > 0, `cycle ${cycle}: a write request`))
      let target = writes.of(cycle)[0]!
      if (advancing.has(cycle)) {
        // Let one write come back, then kill on the next one sent after it.
        await orStuck(writes.until(() => writes.of(cycle).some((w) => w.state === 'answered'), `cycle ${cycle}: a write answered`))
        const sent = writes.of(cycle).length
        await orStuck(writes.until(() => writes.of(cycle).length > sent, `cycle ${cycle}: a write after an answered one`))
        target = writes.of(cycle)[sent]!
      }
      if (cycle === EDIT_AGAIN) await editAmyAgain(page, amyPhone)
      // The kill point: a seeded moment in the first half of the target write's hold, counted from when it was
      // sent (the app may have resumed by itself before this cycle began), so it is still on its way.
      await page.waitForTimeout(Math.max(0, target.sentAt + Math.floor(rand() * HOLD_MS / 2) - Date.now()))
      // The next page meets the emulator as it will be for its whole life.
      await page.request.put(admin(`/companies/${realmId}/chaos`), { data: chaosFor(cycle + 1) })
      const after = Date.now() - target.sentAt
      if (!DROPPING.has(cycle)) expect(target.state, `cycle ${cycle}: the target write is on its way ${after} ms after it was sent`).toBe('on its way')
      await writes.kill()

      // The kill landed mid-push: a write was cut off on its way (or, with drops, one's answer was lost) and the
      // outbox still holds work. That the writes reached QuickBooks is checked later: the next page is pushing.
      const outbox = (await local(page)).outbox.length
      const mine = writes.of(cycle)
      const cut = mine.filter((w) => w.state === 'cut off').length
      // 502: the edge got no answer from QuickBooks (the emulator dropped the connection after applying the write).
      const lost = mine.filter((w) => w.status === 502).length
      kills.push(`kill ${cycle + 1}${advancing.has(cycle) ? ' (after an answer)' : ''}${DROPPING.has(cycle) ? ' (drops)' : ''}: ${mine.map(describe).join(', ')}; `
        + `outbox ${outbox}; ${after} ms after the target was sent`)
      if (DROPPING.has(cycle)) expect(cut + lost, `cycle ${cycle}: a write cut off or its answer lost`).toBeGreaterThanOrEqual(1)
      else expect(cut, `cycle ${cycle}: a write cut off on its way`).toBeGreaterThanOrEqual(1)
      expect(outbox, `cycle ${cycle}: the outbox still holds work after the reload`).toBeGreaterThan(0)

      // Whether the app resumes the push by itself is noted, not required: Sync Now resumes it where it does not.
      const next = cycle + 1
      if (LEFT_ALONE.has(cycle)) {
        await writes.until(() => writes.of(next).length > 0, 'the app to resume by itself', 3_000).then(() => { resumed.alone++ }, () => undefined)
      }
      if (!LEFT_ALONE.has(cycle) || writes.of(next).length === 0) {
        if (writes.of(next).length > 0) resumed.beforeClick++
        await expect(page.getByTestId('qbo-card').getByTestId('qbo-connected')).toHaveText('Connected')
        await syncNow(page)
      }
    }
    kills.push(`left alone after ${LEFT_ALONE.size} kills, the app resumed by itself after ${resumed.alone}; `
      + `after ${resumed.beforeClick} of the other ${KILLS - LEFT_ALONE.size} it had sent a write before Sync Now was clicked`)
  } finally {
    mkdirSync(test.info().outputDir, { recursive: true })
    writeFileSync(test.info().outputPath('kills.txt'), kills.join('\n'))
    await test.info().attach('kills', { path: test.info().outputPath('kills.txt'), contentType: 'text/plain' })
  }
}

function describe(w: Write): string {
  const what = new URL(w.request.url()).pathname.split('/').pop()
  return `${what} ${w.requestId?.slice(0, 8)} ${w.state}${w.status !== undefined && w.status !== 200 ? ` ${w.status}` : ''}`
}

/**
 * Offline work on top of the synced demo records: edits of two contacts, an item and an invoice, a void, three new
 * contacts and two new items, invoices for them and for three demo drafts (finalized), and payments on new and synced
 * invoices. Returns how many records are queued and the values QuickBooks must end with.
 */
async function queueWork(page: Page) {
  const amyPhone = { first: '(916) 555-7001', second: '(916) 555-7002' }
  const kimEmail = 'kim.lee@lee-household.example'
  await openContact(page, 'Amy Chen')
  await page.getByRole('link', { name: 'Edit' }).click()
  await page.getByLabel('Phone').fill(amyPhone.first)
  await page.getByRole('button', { name: 'Save changes' }).click()
  await expect(page.getByRole('link', { name: amyPhone.first })).toBeVisible()
  await openContact(page, 'Kim Lee')
  await page.getByRole('link', { name: 'Edit' }).click()
  await page.getByLabel('Email').fill(kimEmail)
  await page.getByRole('button', { name: 'Save changes' }).click()
  await expect(page.getByRole('link', { name: kimEmail })).toBeVisible()

  await nav(page, 'Pricebook')
  await page.getByLabel('Search items').fill('Drain Cleaning')
  await page.getByRole('list', { name: 'Items' }).getByText('Drain Cleaning').click()
  await page.getByLabel(/Unit price/).fill('260.00')
  await page.getByRole('button', { name: 'Save changes' }).click()
  await expect(page.getByRole('heading', { level: 2, name: 'Pricebook' })).toBeVisible()

  // Two synced unpaid invoices: one gets a memo, the other is voided.
  const unpaid = async (): Promise<string> => {
    await nav(page, 'Invoices')
    await page.getByRole('button', { name: 'Unpaid' }).click()
    await page.getByRole('list', { name: 'Invoices' }).getByRole('link').first().click()
    await expect(page.getByRole('heading', { level: 2, name: /^Invoice \d+$/ })).toBeVisible()
    return ((await page.getByRole('heading', { level: 2 }).textContent()) ?? '').replace('Invoice ', '')
  }
  const memo = { number: await unpaid(), text: 'Customer asked for the invoice by post' }
  await page.getByLabel('Memo').fill(memo.text)
  await page.getByLabel('Memo').blur()
  await expect(page.getByTestId('record-sync-words')).toHaveText('Queued: will send when online.')
  const voided = await unpaidOtherThan(page, memo.number)
  await page.getByRole('button', { name: 'Void' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Void invoice' }).click()
  await expect(page.getByRole('button', { name: 'Void' })).toHaveCount(0)
  // A payment on a third synced invoice (the list is newest first, so before any new invoice exists).
  await unpaidOtherThan(page, memo.number)
  await payInFull(page)

  // New contacts and items, each billed on a finalized invoice; two of those paid.
  const people = [['Ines', 'Crashaw'], ['Oskar', 'Restart'], ['Priya', 'Reload']] as const
  for (const [first, last] of people) await newContact(page, first, last, `${first.toLowerCase()}.${last.toLowerCase()}@example.com`)
  for (const [name, price] of [['Crash valve kit', '42.50'], ['Reload fitting', '7.25']] as const) {
    await nav(page, 'Pricebook')
    await page.getByRole('link', { name: 'New item' }).first().click()
    await page.getByLabel('Name').fill(name)
    await page.getByLabel(/Unit price/).fill(price)
    await page.getByRole('button', { name: 'Save item' }).click()
    await expect(page.getByRole('heading', { level: 2, name: 'Pricebook' })).toBeVisible()
  }
  const billed = [['Ines Crashaw', 'Crash valve kit'], ['Oskar Restart', 'Reload fitting']] as const
  for (const [who, what] of billed) {
    await openContact(page, who)
    await page.getByRole('link', { name: 'New invoice' }).click()
    await page.getByRole('button', { name: 'Add from pricebook' }).click()
    await page.getByLabel('Search the pricebook').fill(what)
    await page.getByRole('list', { name: 'Pricebook items' }).getByText(what).click()
    await finalizeHere(page)
    await payInFull(page)
  }

  // Three of the demo's drafts are finalized now; one of them is paid.
  for (let i = 0; i < 3; i++) {
    await nav(page, 'Invoices')
    await page.getByRole('button', { name: 'Drafts' }).click()
    await page.getByRole('list', { name: 'Invoices' }).getByRole('link').first().click()
    await finalizeHere(page)
    if (i === 0) await payInFull(page)
  }

  // 2 contact edits, 1 item edit, 1 memo, 1 void, 3 contacts, 2 items, 5 invoices, 4 payments.
  return { records: 19, amyPhone, kimEmail, drainPrice: 260, memo, voided }
}

/** Amy Chen's phone, edited again while the batch carrying her first edit is on its way. */
async function editAmyAgain(page: Page, phone: string): Promise<void> {
  await openContact(page, 'Amy Chen')
  await page.getByRole('link', { name: 'Edit' }).click()
  // Bounded, so a form that never opens fails here rather than at the test's end.
  await page.getByLabel('Phone').fill(phone, { timeout: 10_000 })
  await page.getByRole('button', { name: 'Save changes' }).click()
  await expect(page.getByRole('link', { name: phone })).toBeVisible()
  await nav(page, 'Settings')
}

async function unpaidOtherThan(page: Page, number: string): Promise<string> {
  await nav(page, 'Invoices')
  await page.getByRole('button', { name: 'Unpaid' }).click()
  await page.getByRole('list', { name: 'Invoices' }).getByRole('link').filter({ hasNotText: number }).first().click()
  await expect(page.getByRole('heading', { level: 2, name: /^Invoice \d+$/ })).toBeVisible()
  return ((await page.getByRole('heading', { level: 2 }).textContent()) ?? '').replace('Invoice ', '')
}

async function finalizeHere(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Finalize' }).click()
  await page.getByRole('dialog').getByRole('button', { name: 'Finalize' }).click()
  await expect(page.getByRole('heading', { level: 2, name: /^Invoice \d+$/ })).toBeVisible()
}

async function payInFull(page: Page): Promise<void> {
  const title = (await page.getByRole('heading', { level: 2 }).textContent()) ?? ''
  await page.getByRole('link', { name: 'Record payment' }).click()
  await expect(page.getByLabel(/Amount/)).not.toHaveValue('')
  await page.getByRole('button', { name: 'Save payment' }).click()
  await expect(page.getByRole('heading', { level: 2, name: title })).toBeVisible()
  await expect(page.getByTestId('invoice-balance')).toHaveText('$0.00')
}
