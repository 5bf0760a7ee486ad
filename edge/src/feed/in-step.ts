/**
 * The RealmGate's side of keeping a company's devices in step (docs/feed.md): numbering and sending feed notices,
 * telling the other devices of a device's own write, and sharing identical reads. The gate keeps one of these and
 * calls it from `recordChanges`, `#announce` and `forward`.
 */
import type { Announcement, Caller } from '../gate/outcomes.ts'
import { ReadCoalescer } from '../gate/coalesce.ts'
import type { GateError, UpstreamCall, UpstreamResult } from '../gate/upstream.ts'
import { markUsed } from '../leases/store.ts'
import type { Result } from '#shared/result.ts'
import { broadcast, endSessions } from './sockets.ts'
import { appendNotice, type Notice } from './store.ts'
import { writeNotice } from './write-notice.ts'

const ok2xx = (r: UpstreamResult) => r.ok && r.value.status >= 200 && r.value.status < 300

export class InStep {
  #ctx: DurableObjectState
  #reads = new ReadCoalescer<UpstreamResult>({ keep: ok2xx })

  constructor(ctx: DurableObjectState) {
    this.#ctx = ctx
  }

  /** Numbers a notice, keeps it for catch-up and sends it to every open device of the company. */
  notify(notice: Notice): void {
    broadcast(this.#ctx, appendNotice(this.#ctx.storage.sql, notice, Date.now()))
  }

  /** Settings go to every device, numbered; `ended` to the removed device (or all, on disconnect), which closes. */
  announce(what: Announcement): void {
    if (what.type === 'settings') return this.notify(what)
    const ended = { type: 'ended', reason: what.reason, companyName: what.companyName } as const
    endSessions(this.#ctx, ended, what.reason === 'device_removed' ? what.deviceId : undefined)
  }

  /**
   * A read other devices may share (gate/coalesce.ts). `admit` runs again once the answer is in: a device
   * removed meanwhile gets its refusal, not the data.
   */
  async read(
    caller: Caller,
    call: UpstreamCall,
    send: () => Promise<UpstreamResult>,
    admit: () => Result<unknown, GateError>,
  ): Promise<UpstreamResult> {
    const key = `${call.path}?${new URLSearchParams([...call.params]).toString()}`
    const answer = await this.#reads.share(key, caller.device, send)
    const admitted = admit()
    return admitted.ok ? answer : admitted
  }

  /** After a proxied write: shared reads from before it are forgotten; a 2xx tells the other devices. */
  wrote(caller: Caller, call: UpstreamCall, result: UpstreamResult): void {
    this.#reads.forget()
    if (!ok2xx(result) || !result.ok) return
    const notice = writeNotice(call.path, call.params, call.body, result.value.body)
    markUsed(this.#ctx.storage, notice.docNumbers)
    if (notice.entities.length > 0)
      this.notify({ type: 'changes', origin: 'device', deviceId: caller.device, entities: notice.entities })
  }
}
