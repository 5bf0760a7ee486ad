/** Every table a RealmGate instance keeps, made or brought up to date when the instance starts. */
import { migrateFeed } from '../feed/store.ts'
import { migrateLeases } from '../leases/store.ts'
import { migrateDevices } from '../team/devices.ts'
import { migrateJoinIndex } from '../team/join-index.ts'
import { migrateSettings } from '../team/settings-store.ts'
import { migrateLedger } from '../webhooks/replay.ts'
import { migrateMeter } from './app-meter.ts'
import { migrateBudget } from './budget.ts'
import * as store from './store.ts'

export function migrateGate(sql: SqlStorage): void {
  store.migrate(sql)
  migrateBudget(sql)
  migrateMeter(sql)
  migrateLedger(sql)
  migrateDevices(sql)
  migrateSettings(sql)
  migrateJoinIndex(sql)
  migrateLeases(sql)
  migrateFeed(sql)
}
