/**
 * Connectivity as one Solid signal per tab: true while the app's edge answers. The rules live in
 * online-monitor.ts; this file wires them to the window (its online/offline and visibility events) and to a probe
 * of the edge's /health, which the service worker never answers from its cache.
 */
import { createSignal, type Accessor } from 'solid-js'
import { createOnlineMonitor, type OnlineMonitor } from './online-monitor.ts'

/** The slowest answer still taken as "online": a tablet on a weak signal is slow, not offline. */
const probeTimeoutMs = 10_000

/** True when `/health` answered as the Fieldsync edge; a captive portal's page or a proxy's 502 is not it. */
export async function probeEdge(fetchFn: typeof fetch = fetch, timeoutMs = probeTimeoutMs): Promise<boolean> {
  try {
    const res = await fetchFn('/health', { cache: 'no-store', signal: AbortSignal.timeout(timeoutMs) })
    if (!res.ok) return false
    const body: unknown = await res.json()
    return typeof body === 'object' && body !== null && (body as { service?: unknown }).service === 'fieldsync-edge'
  } catch {
    return false
  }
}

export interface Connectivity {
  online: Accessor<boolean>
  /** Probes now; resolves with the state it settled on (Sync Now asks before it syncs while offline). */
  check(): Promise<boolean>
  /** A call to the edge that failed to get any answer, or got one. */
  report(ok: boolean): void
}

let shared: Connectivity | undefined

function connect(): Connectivity {
  const [online, setOnline] = createSignal(navigator.onLine)
  const monitor: OnlineMonitor = createOnlineMonitor({
    probe: () => probeEdge(),
    initial: navigator.onLine,
    onChange: setOnline,
  })
  addEventListener('offline', () => monitor.browserOffline())
  addEventListener('online', () => void monitor.check())
  // A tablet woken from sleep may have lost or found its network while timers were frozen.
  document.addEventListener('visibilitychange', () => {
    if (document.visibilityState === 'visible') void monitor.check()
  })
  void monitor.check()
  return { online, check: () => monitor.check(), report: (ok) => monitor.report(ok) }
}

/** The tab's connectivity, started on first use and shared by every component. */
export function connectivity(): Connectivity {
  shared ??= connect()
  return shared
}

/** Whether the edge answers, as a signal. */
export function createOnline(): Accessor<boolean> {
  return connectivity().online
}

/** For components that follow connectivity (the header's Sync Now button and badge). */
export const useOnline = createOnline
