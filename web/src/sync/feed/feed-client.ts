/**
 * The device's end of the live change feed (`GET /api/feed`, shared/api/feed.ts). While the company is connected
 * and the device online it holds one socket; a dropped socket comes back after a growing, jittered pause and
 * asks for what it missed since its last sequence. Notices of this device's own writes are skipped; the others are
 * gathered for a moment and handed on as one list, so a burst costs one pull. The feed only speeds things up:
 * whatever it misses, the next pull brings.
 * @module
 */
import { FeedMessage, type FeedEntity } from '#shared/api/feed.ts'
import type { Timers } from '../engine.ts'

/** What the client needs of a WebSocket (the browser's fits). */
export interface FeedSocket {
  addEventListener(type: 'message', listener: (e: { data: unknown }) => void): void
  addEventListener(type: 'close' | 'error', listener: () => void): void
  send(data: string): void
  close(code?: number): void
}

export type SettingsMessage = Extract<FeedMessage, { type: 'settings' }>
export type EndedMessage = Extract<FeedMessage, { type: 'ended' }>

export interface FeedClientDeps {
  /** Opens the socket, asking for what came after `since` (null: only what comes next). */
  open(since: number | null): FeedSocket
  timers: Pick<Timers, 'setTimeout' | 'clearTimeout'>
  random(): number
  /** Other devices' writes and webhook notices; `webhook` when Intuit's webhook named any of them. */
  onChanges(entities: FeedEntity[], webhook: boolean): void
  /** The gate no longer has what this device missed: pull as usual. */
  onReset(): void
  onSettings(message: SettingsMessage): void
  onEnded(message: EndedMessage): void
  /** How long notices are gathered into one pull. */
  gatherMs?: number
}

const FIRST_RETRY_MS = 1000
const MAX_RETRY_MS = 30_000
/** Keeps proxies from closing an idle socket; the gate answers without waking (edge/src/feed/sockets.ts). */
const PING_MS = 30_000

export class FeedClient {
  #deps: FeedClientDeps
  #connected = false
  #online = true
  #ended = false
  #socket: FeedSocket | null = null
  #seq: number | null = null
  #deviceId: string | null = null
  #attempt = 0
  #retry: unknown = undefined
  #ping: unknown = undefined
  #gather: { entities: FeedEntity[]; webhook: boolean; handle: unknown } | null = null

  constructor(deps: FeedClientDeps) {
    this.#deps = deps
  }

  /** The company is connected on this device (from the session); the feed opens only then. */
  setConnected(connected: boolean): void {
    this.#connected = connected
    if (connected) this.#ended = false
    this.#reconcile()
  }

  setOnline(online: boolean): void {
    this.#online = online
    if (online) this.#attempt = 0
    this.#reconcile()
  }

  /** The last sequence seen (tests and diagnostics). */
  get seq(): number | null {
    return this.#seq
  }

  get open(): boolean {
    return this.#socket !== null
  }

  #reconcile(): void {
    const wanted = this.#connected && this.#online && !this.#ended
    if (!wanted) return this.#drop()
    if (this.#socket === null && this.#retry === undefined) this.#open()
  }

  #drop(): void {
    const t = this.#deps.timers
    t.clearTimeout(this.#retry)
    t.clearTimeout(this.#ping)
    this.#retry = undefined
    const socket = this.#socket
    this.#socket = null
    socket?.close(1000)
  }

  #open(): void {
    const socket = this.#deps.open(this.#seq)
    this.#socket = socket
    socket.addEventListener('message', (e) => {
      if (this.#socket === socket) this.#receive(e.data)
    })
    const lost = () => {
      if (this.#socket !== socket) return
      this.#socket = null
      this.#deps.timers.clearTimeout(this.#ping)
      this.#scheduleRetry()
    }
    socket.addEventListener('close', lost)
    socket.addEventListener('error', lost)
    this.#keepAlive(socket)
  }

  #keepAlive(socket: FeedSocket): void {
    this.#ping = this.#deps.timers.setTimeout(() => {
      if (this.#socket !== socket) return
      try {
        socket.send('ping')
      } catch {
        // Closing: the close event retries.
      }
      this.#keepAlive(socket)
    }, PING_MS)
  }

  #scheduleRetry(): void {
    if (!(this.#connected && this.#online && !this.#ended)) return
    const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** this.#attempt)
    this.#attempt++
    // Jitter, so the devices of a company do not all come back in the same instant.
    const wait = base / 2 + (base / 2) * this.#deps.random()
    this.#retry = this.#deps.timers.setTimeout(() => {
      this.#retry = undefined
      this.#reconcile()
    }, wait)
  }

  #receive(data: unknown): void {
    if (typeof data !== 'string' || data === 'pong') return
    let json: unknown
    try {
      json = JSON.parse(data)
    } catch {
      return
    }
    const parsed = FeedMessage.safeParse(json)
    if (!parsed.success) return
    const m = parsed.data
    switch (m.type) {
      case 'hello':
        this.#attempt = 0
        this.#deviceId = m.deviceId
        // Behind what this device saw: the gate lost its notices, so nothing can be caught up from them.
        if (this.#seq !== null && m.seq < this.#seq) this.#deps.onReset()
        if (this.#seq === null || m.seq < this.#seq) this.#seq = m.seq
        return
      case 'changes':
        this.#seq = m.seq
        if (m.origin === 'device' && m.deviceId === this.#deviceId) return
        return this.#gathered(m.entities, m.origin === 'webhook')
      case 'settings':
        this.#seq = m.seq
        return this.#deps.onSettings(m)
      case 'reset':
        this.#seq = m.seq
        return this.#deps.onReset()
      case 'ended':
        this.#ended = true
        this.#drop()
        return this.#deps.onEnded(m)
    }
  }

  #gathered(entities: FeedEntity[], webhook: boolean): void {
    if (this.#gather) {
      this.#gather.entities.push(...entities)
      this.#gather.webhook ||= webhook
      return
    }
    const handle = this.#deps.timers.setTimeout(() => {
      const g = this.#gather
      this.#gather = null
      if (g) this.#deps.onChanges(g.entities, g.webhook)
    }, this.#deps.gatherMs ?? 200)
    this.#gather = { entities: [...entities], webhook, handle }
  }
}
