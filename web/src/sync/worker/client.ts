/**
 * The page's handle on the sync worker: one worker per tab, created on first use. Calls never block the UI;
 * each returns a promise of a Result.
 * @module
 */
import * as Comlink from 'comlink'
import type { OnProgress } from '../ports.ts'
import type { SyncWorkerApi } from './worker-api.ts'

let worker: Comlink.Remote<SyncWorkerApi> | undefined

export function syncWorker(): Comlink.Remote<SyncWorkerApi> {
  worker ??= Comlink.wrap<SyncWorkerApi>(
    new Worker(new URL('./sync.worker.ts', import.meta.url), { type: 'module', name: 'fieldsync-sync' }),
  )
  return worker
}

/** Progress events from the worker; the callback crosses as a comlink proxy. */
export function subscribeProgress(onProgress: OnProgress): void {
  void syncWorker().subscribe(Comlink.proxy(onProgress))
}
