/**
 * Whether the app can reach its edge, decided by calls to the edge rather than by `navigator.onLine`, which says
 * "online" on captive or dead Wi-Fi and behaves differently across Chromium versions. The browser's word is taken
 * only when it says offline; "online" from the browser, a failed sync or a click on Sync Now each start a probe.
 * While offline the probe repeats on a gentle backoff; while online a slow heartbeat notices an edge that stopped
 * answering even when nothing else calls it. Pure apart from the injected probe and timers, so the rules are tested
 * without a browser.
 */

export interface MonitorTimers {
  setTimeout(fn: () => void, ms: number): unknown
  clearTimeout(handle: unknown): void
}

export interface MonitorOptions {
  /** Resolves true when the edge answered as itself, false on any failure (it must not reject). */
  probe: () => Promise<boolean>
  /** The state before the first probe has answered. */
  initial: boolean
  onChange: (online: boolean) => void
  timers?: MonitorTimers
  /** Delays between probes while offline, in ms; the last repeats. */
  backoff?: readonly number[]
  /** Delay between probes while online, in ms. */
  heartbeatMs?: number
}

export interface OnlineMonitor {
  readonly online: () => boolean
  /** Probes now (at most one in flight) and resolves with the state it settled on. */
  check(): Promise<boolean>
  /** The outcome of any other call to the edge. */
  report(ok: boolean): void
  /** The browser says the network is gone: believed at once. */
  browserOffline(): void
  stop(): void
}

export const defaultBackoff: readonly number[] = [1_000, 2_000, 4_000, 8_000, 15_000, 30_000]
export const defaultHeartbeatMs = 60_000

export function createOnlineMonitor(opts: MonitorOptions): OnlineMonitor {
  const timers: MonitorTimers = opts.timers ?? {
    setTimeout: (fn, ms) => globalThis.setTimeout(fn, ms),
    clearTimeout: (h) => globalThis.clearTimeout(h as ReturnType<typeof setTimeout>),
  }
  const backoff = opts.backoff ?? defaultBackoff
  const heartbeatMs = opts.heartbeatMs ?? defaultHeartbeatMs
  let online = opts.initial
  let failures = 0
  let timer: unknown
  let inFlight: Promise<boolean> | undefined
  let stopped = false

  const schedule = () => {
    if (timer !== undefined) timers.clearTimeout(timer)
    timer = undefined
    if (stopped) return
    const delay = online ? heartbeatMs : (backoff[Math.min(failures, backoff.length) - 1] ?? backoff[0] ?? 1_000)
    timer = timers.setTimeout(() => {
      timer = undefined
      void check()
    }, delay)
  }

  const settle = (ok: boolean) => {
    failures = ok ? 0 : failures + 1
    if (ok !== online) {
      online = ok
      opts.onChange(ok)
    }
    schedule()
  }

  const check = (): Promise<boolean> => {
    inFlight ??= opts.probe().then(
      (ok) => {
        inFlight = undefined
        if (!stopped) settle(ok)
        return online
      },
      () => {
        inFlight = undefined
        if (!stopped) settle(false)
        return online
      },
    )
    return inFlight
  }

  return {
    online: () => online,
    check,
    report(ok) {
      if (stopped || inFlight) return
      settle(ok)
    },
    browserOffline() {
      if (!stopped) settle(false)
    },
    stop() {
      stopped = true
      if (timer !== undefined) timers.clearTimeout(timer)
      timer = undefined
    },
  }
}
