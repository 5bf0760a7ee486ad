/**
 * A schedule that means it: with the schedule not automatic, nothing leaves the device on an edit, the pull
 * interval, a webhook, start or coming online; Sync Now and the schedule's time send, and a time missed while the
 * app was closed is caught up when it opens. Time is the fake clock's; the timers fire as it moves.
 */
import { describe, expect, it } from 'vitest'
import type { DeviceId, SessionResponse } from '#shared/api/index.ts'
import type { SyncSchedule } from '#shared/domain/index.ts'
import { LocalId } from '#shared/ids.ts'
import { MemoryStore } from './adapters/memory-store.ts'
import { SyncEngine, type Timers } from './engine.ts'
import { SENT_RUN_LABEL } from './schedule.ts'
import { fakeClock, type FakeClock } from './test-support/fake-clock.ts'
import { FakeQbo } from './test-support/fake-qbo.ts'

/** Timers on the fake clock: `advance` moves time and fires what falls due, letting each run finish. */
function clockTimers(clock: FakeClock): Timers & { advance(ms: number): Promise<void> } {
  const tasks = new Map<number, { at: number; fn: () => void; every?: number }>()
  let n = 0
  const settle = async () => {
    for (let i = 0; i < 30; i++) await new Promise((r) => setImmediate(r))
  }
  return {
    setTimeout: (fn, ms) => (tasks.set(++n, { at: clock.now() + ms, fn }), n),
    clearTimeout: (h) => void tasks.delete(h as number),
    setInterval: (fn, ms) => (tasks.set(++n, { at: clock.now() + ms, fn, every: ms }), n),
    clearInterval: (h) => void tasks.delete(h as number),
    async advance(ms) {
      const end = clock.now() + ms
      await settle()
      for (;;) {
        const next = [...tasks.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0]
        if (!next) break
        const [h, t] = next
        if (t.at > clock.now()) clock.advance(t.at - clock.now())
        if (t.every) t.at += t.every
        else tasks.delete(h)
        t.fn()
        await settle()
      }
      if (end > clock.now()) clock.advance(end - clock.now())
    },
  }
}

const session = (seq = 0): SessionResponse => ({
  connected: true,
  realmId: '9130',
  companyName: 'Rivera Plumbing',
  refreshTokenExpiresAt: '2026-06-01T00:00:00Z',
  needsReconnect: false,
  device: {
    id: 'device-one-0000000' as DeviceId,
    name: 'Tablet',
    role: 'owner',
    lastSeenAt: '2026-03-01T00:00:00Z',
    addedAt: '2026-03-01T00:00:00Z',
  },
  deviceCount: 1,
  changes: {
    seq,
    changed: seq > 0,
    entities:
      seq > 0
        ? [
            {
              seq,
              entity: 'Customer',
              id: '7',
              operation: 'Update',
              lastUpdated: null,
              receivedAt: '2026-03-01T09:00:00Z',
            },
          ]
        : [],
  },
})

let contacts = 0
/** Queues a new contact, as an edit in the app would. */
function queueContact(store: MemoryStore, at: string): void {
  const id = LocalId.parse(`00000000-0000-4000-8000-${String(++contacts).padStart(12, '0')}`)
  store.put('contact', { id, version: 1, updatedAt: at, displayName: `Contact ${contacts}`, active: true } as {
    id: string
  })
  store.enqueue({ kind: 'contact', localId: id, version: 1, op: 'create', createdAt: at, attempts: 0 })
}

function world(schedule: SyncSchedule, start: number, lastSentAt?: number) {
  const clock = fakeClock(start)
  const store = new MemoryStore({
    settings: { cdcCheckpoint: '2026-03-01T08:00:00.000Z', syncedRealmId: '9130', schedule },
  })
  if (lastSentAt !== undefined)
    void store.log([
      { at: new Date(lastSentAt).toISOString(), label: SENT_RUN_LABEL, direction: 'push', status: 'info', details: '' },
    ])
  const qbo = new FakeQbo()
  const timers = clockTimers(clock)
  const engine = new SyncEngine({
    store,
    gatewayFor: () => qbo,
    session: async () => session(),
    clock,
    timers,
    random: { next: () => 0.5, uuid: () => crypto.randomUUID() },
  })
  const sent = () => qbo.calls.filter((c) => c.kind === 'write').length
  return { clock, store, qbo, timers, engine, sent }
}

const local = (h: number, m = 0, day = 1) => new Date(2026, 2, day, h, m).getTime()
const MIN = 60_000

describe('the sync schedule', () => {
  it('with Sync Now only, sends nothing on start, edits, the poll, a webhook or coming online, then all on Sync Now', async () => {
    const w = world({ mode: 'manual' }, local(9))
    queueContact(w.store, '2026-03-01T09:00:00Z')
    const first = await w.engine.start(15)
    expect(first.ok && first.value.push.synced).toBe(0)
    queueContact(w.store, '2026-03-01T09:01:00Z')
    await w.engine.edited()
    // A webhook reaches the engine as a change-feed notice.
    await w.engine.pullNotice([{ entity: 'Customer', id: '7', operation: 'Update' }])
    w.engine.setOnline(false)
    w.engine.setOnline(true)
    await w.timers.advance(6 * 60 * MIN)
    expect(w.sent()).toBe(0)
    // Pulls still ran: the webhook's customer was read.
    expect(w.qbo.calls.some((c) => c.kind === 'query')).toBe(true)
    expect((await w.engine.scheduleTimes()).next).toBeUndefined()

    const now = await w.engine.syncNow()
    expect(now.ok && now.value.push.synced).toBe(2)
    const log = await w.store.readLog()
    expect(log.filter((r) => r.label === SENT_RUN_LABEL).map((r) => r.details)).toEqual([
      'Sync Now: 2 sent, 0 failed, 0 waiting.',
    ])
    expect((await w.engine.scheduleTimes()).last).toBe(w.clock.now())
    w.engine.stop()
  })

  it('hourly: catches up at once when a run was missed while closed, then sends an hour after the last send', async () => {
    const w = world({ mode: 'hourly' }, local(9), local(7))
    queueContact(w.store, '2026-03-01T09:00:00Z')
    await w.engine.start(15)
    await w.timers.advance(1000)
    expect(w.sent()).toBe(1)
    const { last, next } = await w.engine.scheduleTimes()
    expect(last).toBe(local(9))
    expect(next).toBe(local(10))

    queueContact(w.store, '2026-03-01T09:05:00Z')
    await w.engine.edited()
    await w.timers.advance(59 * MIN)
    expect(w.sent()).toBe(1)
    await w.timers.advance(MIN)
    expect(w.sent()).toBe(2)
    w.engine.stop()
  })

  it('daily at a time: waits for it while the app is open, and the next is the same time tomorrow', async () => {
    const w = world({ mode: 'daily', at: '18:00' }, local(17, 30), local(18, 0, 0))
    queueContact(w.store, '2026-03-01T17:30:00Z')
    await w.engine.start(15)
    await w.timers.advance(29 * MIN)
    expect(w.sent()).toBe(0)
    expect((await w.engine.scheduleTimes()).next).toBe(local(18))
    await w.timers.advance(MIN)
    expect(w.sent()).toBe(1)
    expect(await w.engine.scheduleTimes()).toEqual({ last: local(18), next: local(18, 0, 2) })
    w.engine.stop()
  })

  it('daily: a time missed while the app was closed is sent as soon as it opens', async () => {
    const w = world({ mode: 'daily', at: '18:00' }, local(8, 0, 3), local(18, 0, 1))
    queueContact(w.store, '2026-03-03T08:00:00Z')
    await w.engine.start(15)
    await w.timers.advance(1000)
    expect(w.sent()).toBe(1)
  })
})
