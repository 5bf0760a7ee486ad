import { describe, expect, it } from 'vitest'
import { watchOnline, type ConnectivitySource } from './online.ts'

function fakeWindow(onLine: boolean) {
  const target = new EventTarget() as ConnectivitySource
  target.navigator = { onLine }
  const go = (next: boolean) => {
    target.navigator.onLine = next
    target.dispatchEvent(new Event(next ? 'online' : 'offline'))
  }
  return { target, go }
}

describe('watchOnline', () => {
  it('reports the current state at once, then each change', () => {
    const { target, go } = fakeWindow(true)
    const seen: boolean[] = []
    watchOnline(target, (v) => seen.push(v))
    go(false)
    go(true)
    expect(seen).toEqual([true, false, true])
  })

  it('stops reporting after unsubscribe', () => {
    const { target, go } = fakeWindow(false)
    const seen: boolean[] = []
    const stop = watchOnline(target, (v) => seen.push(v))
    stop()
    go(true)
    expect(seen).toEqual([false])
  })
})
