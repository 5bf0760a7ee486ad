import { DurableObject } from 'cloudflare:workers'
import type { Env } from './env.ts'

/** One per QuickBooks company (realm): holds that company's connection state. */
export class RealmGate extends DurableObject<Env> {
  async ping(): Promise<string> {
    return 'ok'
  }
}
