// Runs the sync-core benchmark inside a dedicated Web Worker, where the engine runs in the app.
// The data is generated here, so nothing of it crosses the worker boundary.
import { timeWorld, WORLDS, type WorldTimes } from '../sync-core-data.ts'

addEventListener('message', (event: MessageEvent<{ runs: number }>) => {
  const results: WorldTimes[] = []
  for (const { label, make } of WORLDS) results.push(timeWorld(label, make(), event.data.runs))
  postMessage(results)
})
