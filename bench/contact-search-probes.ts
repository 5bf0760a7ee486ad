/**
 * The contact search benchmark's probes: how many contacts each search must find (worked out in Node from the
 * same generated people), the in-page instrument that times keystrokes to the frame their rows show, and the
 * CPU profiler wrapper. `bench/contact-search.ts` drives them.
 */
import type { Page } from '@playwright/test'
import { deriveDisplayName, emailKey, nameKey } from '#shared/domain/index.ts'
import { people } from './web-render-page/people.ts'

/**
 * How many active contacts a search must find: a contact matches when every word of the search starts a word
 * of its name, its company or its email (or starts the email), or when the search holds 3+ digits that appear
 * in a run of the phone's digits. A search can only find more than this (never fewer) as matching grows.
 */
export function expectedCounts(n: number): (q: string) => number {
  const rows = people(n).map((c) => {
    const display = deriveDisplayName(c)
    const email = emailKey(c.email)
    return {
      hay: ` ${nameKey(display)} ${nameKey(c.companyName ?? '')} ${email} `,
      email,
      phone: (c.phone ?? '').replace(/\D/g, ''),
    }
  })
  return (q) => {
    const words = nameKey(q).split(' ').filter(Boolean)
    const digits = q.replace(/\D/g, '')
    if (words.length === 0) return rows.length
    return rows.filter(
      (c) =>
        words.every((w) => c.hay.includes(` ${w}`) || c.email.startsWith(w)) ||
        (digits.length >= 3 && c.phone.includes(digits)),
    ).length
  }
}

export type Probe = {
  __key?: number
  __expect?: number
  __done?: number
  __armed: boolean
  __long: { start: number; duration: number }[]
}

/** In the page, before any app code: keystroke times, the frame after the expected count shows, long tasks. */
export function instrument(): void {
  const w = window as unknown as Probe
  w.__long = []
  w.__armed = false
  const key = (e: Event) => {
    if (w.__key === undefined) w.__key = e.timeStamp
  }
  addEventListener('keydown', key, true)
  addEventListener('beforeinput', key, true)
  new PerformanceObserver((l) => {
    for (const e of l.getEntries()) w.__long.push({ start: e.startTime, duration: e.duration })
  }).observe({ type: 'longtask' })
  const shows = (n: number) => {
    const count = document.querySelector('.count')?.textContent?.trim()
    const list = document.querySelector('[role="list"][aria-label="Contacts"]')
    return count === `${n} shown` && (n === 0 ? !list : list?.getAttribute('data-count') === String(n))
  }
  new MutationObserver(() => {
    if (w.__expect === undefined || w.__armed || w.__done !== undefined || !shows(w.__expect)) return
    w.__armed = true
    requestAnimationFrame(() => (w.__done = performance.now()))
  }).observe(document, { childList: true, subtree: true, attributes: true, characterData: true })
}

type ProfileNode = {
  id: number
  callFrame: { functionName: string; url: string; lineNumber: number; columnNumber: number }
}

/** Runs `work` under the CPU profiler: the profile goes to `file`, the top self times to stderr. */
export async function profiled<T>(page: Page, file: string, work: () => Promise<T>): Promise<T> {
  const cdp = await page.context().newCDPSession(page)
  await cdp.send('Profiler.enable')
  await cdp.send('Profiler.setSamplingInterval', { interval: 200 })
  await cdp.send('Profiler.start')
  const out = await work()
  const { profile } = (await cdp.send('Profiler.stop')) as unknown as {
    profile: { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] }
  }
  const { writeFile } = await import('node:fs/promises')
  await writeFile(file, JSON.stringify(profile))
  const byNode = new Map(profile.nodes.map((n) => [n.id, n]))
  const self = new Map<string, number>()
  profile.samples.forEach((id, i) => {
    const f = byNode.get(id)!.callFrame
    const key = `${f.functionName || '(anon)'} ${f.url.split('/').pop()}:${f.lineNumber + 1}:${f.columnNumber + 1}`
    self.set(key, (self.get(key) ?? 0) + (profile.timeDeltas[i + 1] ?? 0) / 1000)
  })
  for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, 30))
    console.error(`${v.toFixed(1).padStart(8)} ms  ${k}`)
  return out
}
