import { afterEach, describe, expect, it } from 'vitest'
import { Hono } from 'hono'
import { serve } from '@hono/node-server'
import type { AddressInfo } from 'node:net'
import { createManualClock } from '../clock.ts'
import type { CompanyChange } from '../companies-port.ts'
import { createAppRegistry } from '../oauth/apps.ts'
import { createWebhookNotifier, type Scheduler } from './notifier.ts'
import { verifySignature } from './signature.ts'
import { realmA, realmB } from '../../test-support/stub-companies.ts'
import { connect, startWorld, type World } from '../../test-support/world.ts'

const verifierToken = 'verifier-123'
const hook = { url: 'https://hooks.example/qbo', verifierToken }

function manualScheduler() {
  const tasks: { at: number; fn: () => void }[] = []
  let now = 0
  const s: Scheduler & { runNext(): number; pending(): number[] } = {
    after(ms, fn) {
      const task = { at: now + ms, fn }
      tasks.push(task)
      return () => tasks.splice(tasks.indexOf(task), 1)
    },
    runNext() {
      tasks.sort((a, b) => a.at - b.at)
      const t = tasks.shift()!
      const waited = t.at - now
      now = t.at
      t.fn()
      return waited
    },
    pending: () => tasks.map((t) => t.at - now),
  }
  return s
}

function setup(opts: { connected?: string[]; statuses?: number[]; maxAttempts?: number; hang?: boolean } = {}) {
  const apps = createAppRegistry([
    { clientId: 'app', clientSecret: 's', redirectUris: ['https://a.example/cb'], webhook: hook },
  ])
  const connected = new Set(opts.connected ?? [realmA, realmB])
  const scheduler = manualScheduler()
  const sent: { headers: Headers; body: string }[] = []
  const statuses = [...(opts.statuses ?? [])]
  const fetchStub = (async (_url: string, init: RequestInit) => {
    sent.push({ headers: new Headers(init.headers), body: String(init.body) })
    // An endpoint that never answers: only the acknowledgement timeout ends the call.
    if (opts.hang)
      await new Promise((_resolve, reject) => init.signal!.addEventListener('abort', () => reject(init.signal!.reason)))
    return new Response(null, { status: statuses.shift() ?? 200 })
  }) as unknown as typeof fetch
  const notifier = createWebhookNotifier({
    apps,
    isConnected: (_c, realmId) => connected.has(realmId),
    clock: createManualClock(),
    timeScale: 10,
    scheduler,
    fetch: fetchStub,
    ...(opts.maxAttempts === undefined ? {} : { maxAttempts: opts.maxAttempts }),
  })
  return { notifier, scheduler, sent }
}

const change = (realmId: string, id: string, operation: CompanyChange['operation'] = 'Update'): CompanyChange => ({
  realmId,
  entity: 'Customer',
  id,
  operation,
  lastUpdated: '2025-03-01T09:00:00-08:00',
})

describe('webhook notifier', () => {
  it('batches changes over the window into one signed eventNotifications payload, one element per realm', async () => {
    const { notifier, scheduler, sent } = setup()
    notifier.notify(change(realmA, '1', 'Create'))
    notifier.notify(change(realmB, '7'))
    notifier.notify(change(realmA, '2', 'Delete'))
    expect(scheduler.pending()).toEqual([100]) // 1 s of emulator time at a time scale of 10
    scheduler.runNext()
    await notifier.settled()
    expect(sent).toHaveLength(1)
    const body = JSON.parse(sent[0]!.body)
    expect(body).toEqual({
      eventNotifications: [
        {
          realmId: realmA,
          dataChangeEvent: {
            entities: [
              // The offset as Intuit writes it in webhooks (Java SDK recording): no colon.
              { name: 'Customer', id: '1', operation: 'Create', lastUpdated: '2025-03-01T09:00:00-0800' },
              { name: 'Customer', id: '2', operation: 'Delete', lastUpdated: '2025-03-01T09:00:00-0800' },
            ],
          },
        },
        {
          realmId: realmB,
          dataChangeEvent: {
            entities: [{ name: 'Customer', id: '7', operation: 'Update', lastUpdated: '2025-03-01T09:00:00-0800' }],
          },
        },
      ],
    })
    expect(await verifySignature(verifierToken, sent[0]!.body, sent[0]!.headers.get('intuit-signature')!)).toBe(true)
    expect(sent[0]!.headers.get('content-type')).toBe('application/json; charset=utf-8')
  })

  it('says nothing about companies the app is not connected to', () => {
    const { notifier, scheduler } = setup({ connected: [realmB] })
    notifier.notify(change(realmA, '1'))
    expect(scheduler.pending()).toEqual([])
  })

  it("retries a failed delivery at Intuit's intervals, holding later events until it is acknowledged", async () => {
    const { notifier, scheduler, sent } = setup({ statuses: [500, 503] })
    notifier.notify(change(realmA, '1'))
    scheduler.runNext()
    await notifier.settled()
    expect(scheduler.pending()).toEqual([1_000]) // 10 s emulator time
    notifier.notify(change(realmA, '2'))
    expect(scheduler.pending()).toEqual([1_000]) // held behind the retry
    scheduler.runNext()
    await notifier.settled()
    expect(scheduler.pending()).toEqual([2_000]) // then 20 s
    scheduler.runNext()
    await notifier.settled()
    expect(
      sent.map((s) =>
        JSON.parse(s.body).eventNotifications[0].dataChangeEvent.entities.map((e: { id: string }) => e.id),
      ),
    ).toEqual([['1'], ['1'], ['1']])
    expect(notifier.deliveries()[0]).toMatchObject({ state: 'delivered' })
    expect(notifier.deliveries()[0]!.attempts.map((a) => a.status)).toEqual([500, 503, 200])
    scheduler.runNext() // the held event goes out next
    await notifier.settled()
    expect(JSON.parse(sent.at(-1)!.body).eventNotifications[0].dataChangeEvent.entities[0].id).toBe('2')
  })

  it('gives an endpoint 3 s of emulator time to answer, then counts the attempt as failed and retries', async () => {
    const { notifier, scheduler, sent } = setup({ hang: true })
    notifier.notify(change(realmA, '1'))
    scheduler.runNext()
    while (sent.length === 0) await new Promise((r) => setImmediate(r)) // signing is async
    expect(scheduler.pending()).toEqual([300]) // 3 s at a time scale of 10
    scheduler.runNext()
    await notifier.settled()
    expect(notifier.deliveries()[0]).toMatchObject({
      state: 'retrying',
      attempts: [{ status: null, error: expect.stringContaining('no answer within 3000 ms') }],
    })
    expect(scheduler.pending()).toEqual([1_000])
  })

  it('gives up after the configured number of attempts', async () => {
    const { notifier, scheduler } = setup({ statuses: [500, 500, 500], maxAttempts: 3 })
    notifier.notify(change(realmA, '1'))
    for (let i = 0; i < 3; i++) {
      scheduler.runNext()
      await notifier.settled()
    }
    expect(notifier.deliveries()[0]).toMatchObject({ state: 'failed' })
    expect(scheduler.pending()).toEqual([])
  })
})

describe('webhooks end to end', () => {
  let w: World | undefined
  let closeReceiver: (() => void) | undefined
  afterEach(async () => {
    await w?.close()
    closeReceiver?.()
  })

  it('POSTs a correctly signed notification after a bookkeeper edit made through the admin API', async () => {
    let deliver!: (v: { body: string; signature: string | null }) => void
    const received = new Promise<{ body: string; signature: string | null }>((r) => (deliver = r))
    const receiver = new Hono().post('/hook', async (c) => {
      deliver({ body: await c.req.text(), signature: c.req.header('intuit-signature') ?? null })
      return c.body(null, 200)
    })
    const port = await new Promise<number>((r) => {
      const server = serve({ fetch: receiver.fetch, port: 0, hostname: '127.0.0.1' }, (info: AddressInfo) =>
        r(info.port),
      )
      closeReceiver = () => server.close()
    })
    w = await startWorld({
      apps: [
        {
          clientId: 'fieldsync-local',
          clientSecret: 'fieldsync-local-secret',
          redirectUris: ['http://127.0.0.1:5173/auth/intuit/callback'],
          webhook: { url: `http://127.0.0.1:${port}/hook`, verifierToken },
        },
      ],
      webhooks: { batchWindowMs: 10 },
    })
    await connect(w)
    const edit = await fetch(`${w.url}/__admin/companies/${realmA}/customer/5`, {
      method: 'PATCH',
      headers: { 'Content-Type': 'application/json' },
      body: JSON.stringify({ PrimaryEmailAddr: { Address: 'new@example.com' } }),
    })
    expect(edit.status).toBe(200)
    const got = await received
    expect(await verifySignature(verifierToken, got.body, got.signature!)).toBe(true)
    expect(JSON.parse(got.body).eventNotifications[0]).toMatchObject({
      realmId: realmA,
      dataChangeEvent: { entities: [{ name: 'Customer', id: '5', operation: 'Update' }] },
    })
  })
})
