/**
 * The page's sync workers and every write they send to the edge, watched from Playwright so a kill can be timed
 * to land while a write is on its way.
 * @module
 */
import { expect, type Page, type Request, type Worker } from '@playwright/test'

/** Every write the page's sync worker sends to the edge (batch or single entity POST), and what became of it. */
export type Write = {
  cycle: number
  request: Request
  requestId: string | null
  sentAt: number
  state: 'on its way' | 'answered' | 'cut off'
  status?: number
}

/**
 * Watches the page's sync workers and their writes. Each page's worker is one cycle: the count moves on when the
 * worker closes, before the next page's worker exists, so a write is always counted with the worker that sent it.
 */
export function watchWrites(page: Page) {
  const writes: Write[] = []
  let cycle = 0
  let worker: Worker | undefined
  let waiters: (() => void)[] = []
  const changed = () => {
    for (const w of waiters) w()
  }
  const adopt = (w: Worker) => {
    if (!w.url().includes('sync.worker')) return
    worker = w
    w.once('close', () => {
      cycle++
      worker = undefined
      changed()
    })
  }
  page.workers().forEach(adopt)
  page.on('worker', adopt)
  const isWrite = (r: Request) => r.method() === 'POST' && new URL(r.url()).pathname.startsWith('/api/qbo/')
  page.on('request', (r) => {
    if (!isWrite(r)) return
    writes.push({
      cycle,
      request: r,
      requestId: new URL(r.url()).searchParams.get('requestid'),
      sentAt: Date.now(),
      state: 'on its way',
    })
    changed()
  })
  const find = (r: Request) => writes.find((x) => x.request === r)
  page.on('requestfinished', (r) => {
    const w = find(r)
    if (!w) return
    w.state = 'answered'
    void r.response().then((res) => {
      w.status = res?.status()
      changed()
    })
  })
  page.on('requestfailed', (r) => {
    const w = find(r)
    if (w) {
      w.state = 'cut off'
      changed()
    }
  })
  return {
    of: (c: number) => writes.filter((w) => w.cycle === c),
    get cycle() {
      return cycle
    },
    /** Resolves as soon as `ready()` holds, checked on every event: a kill must follow its write within the hold. */
    until(ready: () => boolean, what: string, timeoutMs = 20_000): Promise<void> {
      return new Promise<void>((resolve, reject) => {
        const timer = setTimeout(() => {
          done()
          reject(new Error(`Timed out waiting for ${what}`))
        }, timeoutMs)
        const check = () => {
          if (ready()) {
            done()
            resolve()
          }
        }
        const done = () => {
          clearTimeout(timer)
          waiters = waiters.filter((w) => w !== check)
        }
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

export type Writes = ReturnType<typeof watchWrites>

/** One write for the kill log: its endpoint, request id, state and any status other than 200. */
export function describeWrite(w: Write): string {
  const what = new URL(w.request.url()).pathname.split('/').pop()
  return `${what} ${w.requestId?.slice(0, 8)} ${w.state}${w.status !== undefined && w.status !== 200 ? ` ${w.status}` : ''}`
}
