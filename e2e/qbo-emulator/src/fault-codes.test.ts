// The emulator's fault table must say what the app's does: same code, status, Message and type for
// every fault the emulator sends (and the same Detail where it always sends one).
import { describe, expect, it } from 'vitest'
import { QBO_FAULTS, type QboFaultCodeInfo } from '#shared/qbo/fault.ts'
import { FAULT_CODES, type FaultName } from './fault-codes.ts'

const names = Object.keys(FAULT_CODES) as FaultName[]

describe('fault codes', () => {
  it.each(names)('%s matches the app’s fault table', (name) => {
    const mine: { code: string; httpStatus: number; message: string; type: string; detail?: string } = FAULT_CODES[name]
    const app: QboFaultCodeInfo = QBO_FAULTS[name]
    expect({ code: mine.code, httpStatus: mine.httpStatus, message: mine.message, type: mine.type }).toEqual({
      code: app.code,
      httpStatus: app.httpStatus,
      message: app.message,
      type: app.type,
    })
    if (mine.detail !== undefined) expect(mine.detail).toBe(app.detail)
  })
})
