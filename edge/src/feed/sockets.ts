/**
 * The feed's sockets, held with the Durable Object WebSocket Hibernation API: the gate accepts them with
 * `ctx.acceptWebSocket` (tagged with the device id, which is also their attachment), so an idle company's gate
 * leaves memory while its sockets stay open. Nothing here is kept in memory: every send finds its sockets
 * through `ctx.getWebSockets()`, which works the same after the gate wakes from hibernation.
 */
import type { FeedMessage } from '#shared/api/feed.ts'
import { latestSeq, noticesAfter, type NumberedNotice } from './store.ts'

/** How the worker asks the gate for a socket: only the worker builds this request, after the session check. */
export const FEED_GATE_URL = 'https://realm-gate.internal/feed'

export interface SocketTag {
  deviceId: string
}

/** The keep-alive a client may send, and its answer. */
export const PING = 'ping'
export const PONG = 'pong'

/** Close code for a session the gate ended (device removed, company disconnected): do not reconnect. */
export const CLOSE_ENDED = 4001

export function feedRequest(deviceId: string, since: number | null): Request {
  const url = new URL(FEED_GATE_URL)
  url.searchParams.set('device', deviceId)
  if (since !== null) url.searchParams.set('since', String(since))
  return new Request(url, { headers: { Upgrade: 'websocket' } })
}

function send(ws: WebSocket, message: FeedMessage): void {
  try {
    ws.send(JSON.stringify(message))
  } catch {
    // A socket closing meanwhile: its device catches up on its next pull or reconnect.
  }
}

/** Accepts the device's socket, says hello with the latest sequence, and sends what it missed since `since`. */
export function acceptFeed(ctx: DurableObjectState, request: Request): Response {
  const url = new URL(request.url)
  const deviceId = url.searchParams.get('device')
  const sinceText = url.searchParams.get('since')
  if (request.headers.get('Upgrade') !== 'websocket' || !deviceId) return new Response(null, { status: 426 })
  const { 0: client, 1: server } = new WebSocketPair()
  // The client's keep-alive is answered by the runtime itself, so it never wakes a hibernating gate.
  ctx.setWebSocketAutoResponse(new WebSocketRequestResponsePair(PING, PONG))
  ctx.acceptWebSocket(server, [deviceId])
  server.serializeAttachment({ deviceId } satisfies SocketTag)
  const sql = ctx.storage.sql
  send(server, { type: 'hello', seq: latestSeq(sql), deviceId })
  if (sinceText !== null) {
    const missed = noticesAfter(sql, Number(sinceText))
    if (missed === 'reset') send(server, { type: 'reset', seq: latestSeq(sql) })
    else for (const notice of missed) send(server, notice)
  }
  return new Response(null, { status: 101, webSocket: client })
}

/** Sends a notice to every open socket of the company. */
export function broadcast(ctx: DurableObjectState, notice: NumberedNotice): void {
  for (const ws of ctx.getWebSockets()) send(ws, notice)
}

/** Tells a device (or, with no id, every device) that its session is over, and closes those sockets. */
export function endSessions(
  ctx: DurableObjectState,
  message: Extract<FeedMessage, { type: 'ended' }>,
  deviceId?: string,
): void {
  for (const ws of deviceId === undefined ? ctx.getWebSockets() : ctx.getWebSockets(deviceId)) {
    send(ws, message)
    try {
      ws.close(CLOSE_ENDED, message.reason)
    } catch {
      // Already closed.
    }
  }
}

/** The client closed: answer the close so the socket is released (harmless where the runtime already did). */
export function closed(ws: WebSocket, code: number): void {
  try {
    ws.close(code === 1005 || code === 1006 ? 1000 : code, 'closed')
  } catch {
    // Already closed.
  }
}

/** The device a socket belongs to (its attachment survives hibernation). */
export function deviceOfSocket(ws: WebSocket): string | null {
  const tag = ws.deserializeAttachment() as SocketTag | null
  return tag?.deviceId ?? null
}
