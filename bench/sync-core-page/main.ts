// The page bench/sync-core.ts drives in Chromium: starts the worker and hands back its timings.
import type { WorldTimes } from '../sync-core-data.ts'

declare global {
  interface Window {
    syncCoreBench: { run(runs: number): Promise<WorldTimes[]> }
  }
}

window.syncCoreBench = {
  run(runs) {
    const worker = new Worker(new URL('./worker.ts', import.meta.url), { type: 'module' })
    return new Promise((resolve, reject) => {
      worker.addEventListener('message', (e: MessageEvent<WorldTimes[]>) => {
        worker.terminate()
        resolve(e.data)
      })
      worker.addEventListener('error', (e) => reject(new Error(e.message)))
      worker.postMessage({ runs })
    })
  },
}
