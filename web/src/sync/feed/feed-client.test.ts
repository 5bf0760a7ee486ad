import { describe, expect, it } from 'vitest'
import type { FeedEntity, FeedMessage } from '#shared/api/feed.ts'
import { FeedClient, type FeedSocket } from './feed-client.ts'

class FakeSocket implements FeedSocket {
  listeners = new Map<string, Array<(e: { data: unknown }) => void>>()
  sent: string[] = []
  closed = false
  readonly since: number | null
  constructor(since: number | null) {
    this.since = since
  }
  addEventListener(type: string, listener: (e: { data: unknown }) => void): void {
    this.listeners.set(type, [...(this.listeners.get(type) ?? []), listener])
  }
  send(data: string): void {
    this.sent.push(data)
  }
  close(): void {
    this.closed = true
  }
  deliver(m: FeedMessage | string): void {
    for (const l of this.listeners.get('message') ?? []) l({ data: typeof m === 'string' ? m : JSON.stringify(m) })
  }
  drop(): void {
    for (const l of this.listeners.get('close') ?? []) l({ data: null })
  }
}

function setup() {
  const sockets: FakeSocket[] = []
  const timers = new Map<number, { fn: () => void; ms: number }>()
  let n = 0
  const pulls: Array<{ entities: FeedEntity[]; webhook: boolean }> = []
  const events: string[] = []
  const client = new FeedClient({
    open: (since) => {
      const s = new FakeSocket(since)
      sockets.push(s)
      return s
    },
    timers: {
      setTimeout: (fn, ms) => (timers.set(++n, { fn, ms }), n),
      clearTimeout: (h) => void timers.delete(h as number),
    },
    random: () => 1,
    onChanges: (entities, webhook) => pulls.push({ entities, webhook }),
    onReset: () => events.push('reset'),
    onSettings: (m) => events.push(`settings ${m.doc.version}`),
    onEnded: (m) => events.push(`ended ${m.reason}`),
    gatherMs: 200,
  })
  /** Runs the timers due within `ms` (one round; enough for these tests). */
  const fire = (ms: number) => {
    const due = [...timers].filter(([, t]) => t.ms <= ms)
    for (const [id] of due) timers.delete(id)
    due.forEach(([, t]) => t.fn())
    return due.map(([, t]) => t.ms)
  }
  const last = () => sockets.at(-1)!
  return { client, sockets, last, fire, pulls, events, timers }
}

const changes = (
  seq: number,
  id: string,
  origin: 'webhook' | 'device' = 'webhook',
  deviceId: string | null = null,
): FeedMessage => ({
  type: 'changes',
  seq,
  origin,
  deviceId,
  entities: [{ entity: 'Customer', id, operation: 'Update' }],
})

describe('FeedClient', () => {
  it('opens only while connected and online, and closes when either ends', () => {
    const s = setup()
    s.client.setOnline(true)
    expect(s.sockets).toHaveLength(0)
    s.client.setConnected(true)
    expect(s.sockets).toHaveLength(1)
    s.client.setConnected(true)
    expect(s.sockets).toHaveLength(1)
    s.client.setOnline(false)
    expect(s.last().closed).toBe(true)
    s.client.setOnline(true)
    expect(s.sockets).toHaveLength(2)
  })

  it("gathers other devices' notices into one pull and skips its own", () => {
    const s = setup()
    s.client.setConnected(true)
    s.last().deliver({ type: 'hello', seq: 4, deviceId: 'tablet' })
    s.last().deliver(changes(5, '1', 'device', 'tablet'))
    expect(s.timers.size).toBe(1) // only the keep-alive: its own notice gathers nothing
    s.last().deliver(changes(6, '2', 'device', 'office'))
    s.last().deliver(changes(7, '3'))
    expect(s.fire(200)).toEqual([200])
    expect(s.pulls).toEqual([
      {
        entities: [
          { entity: 'Customer', id: '2', operation: 'Update' },
          { entity: 'Customer', id: '3', operation: 'Update' },
        ],
        webhook: true,
      },
    ])
    expect(s.client.seq).toBe(7)
  })

  it('reconnects with a growing pause from its last sequence, and resets when the gate is behind', () => {
    const s = setup()
    s.client.setConnected(true)
    expect(s.last().since).toBeNull()
    s.last().deliver({ type: 'hello', seq: 10, deviceId: 'tablet' })
    s.last().deliver(changes(11, '1'))
    s.last().drop()
    expect(s.fire(1000)).toEqual([200, 1000]) // the notice's pull, then the first retry
    expect(s.last().since).toBe(11)
    s.last().drop()
    expect(s.fire(1000)).toEqual([])
    expect(s.fire(2000)).toEqual([2000])
    expect(s.last().since).toBe(11)
    // The gate's numbers went back (its notices were lost): pull as usual.
    s.last().deliver({ type: 'hello', seq: 3, deviceId: 'tablet' })
    expect(s.events).toEqual(['reset'])
    expect(s.client.seq).toBe(3)
    s.last().deliver({ type: 'reset', seq: 3 })
    expect(s.events).toEqual(['reset', 'reset'])
  })

  it('hands settings and ended on, and does not reconnect after ended', () => {
    const s = setup()
    s.client.setConnected(true)
    s.last().deliver({ type: 'hello', seq: 0, deviceId: 'tablet' })
    s.last().deliver({
      type: 'settings',
      seq: 1,
      doc: { version: 3, settings: {} as never, updatedAt: null, updatedBy: null },
    })
    s.last().deliver('pong')
    s.last().deliver({ type: 'ended', reason: 'device_removed', companyName: 'Rivera Plumbing' })
    s.last().drop()
    expect(s.events).toEqual(['settings 3', 'ended device_removed'])
    expect(s.last().closed).toBe(true)
    expect(s.timers.size).toBe(0)
    expect(s.sockets).toHaveLength(1)
  })
})
