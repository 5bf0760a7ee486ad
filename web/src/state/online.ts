/**
 * Connectivity as a Solid signal: `navigator.onLine`, kept current by the
 * window's online/offline events. The subscription is a plain function so the
 * rule can be tested with any EventTarget.
 */
import { createSignal, onCleanup, type Accessor } from 'solid-js'

export interface ConnectivitySource extends EventTarget {
  navigator: { onLine: boolean }
}

/** Calls `onChange` with the current state now and on every change; returns the unsubscribe. */
export function watchOnline(source: ConnectivitySource, onChange: (online: boolean) => void): () => void {
  const update = () => onChange(source.navigator.onLine)
  source.addEventListener('online', update)
  source.addEventListener('offline', update)
  update()
  return () => {
    source.removeEventListener('online', update)
    source.removeEventListener('offline', update)
  }
}

export function createOnline(source: ConnectivitySource = window): Accessor<boolean> {
  const [online, setOnline] = createSignal(source.navigator.onLine)
  onCleanup(watchOnline(source, setOnline))
  return online
}
