import { describe, expect, it } from 'vitest'
import { faultCodeInfo, faultOf, QBO_FAULTS, sameFaultCode } from './fault.ts'

describe('faultOf', () => {
  it('reads the usual envelope', () => {
    const body = {
      Fault: { Error: [{ Message: 'Stale Object Error', code: '5010', Detail: 'd' }], type: 'ValidationFault' },
      time: 't',
    }
    expect(faultOf(body)).toStrictEqual(body.Fault)
  })

  it('turns the lower-case gateway envelope into the same shape, dropping nulls', () => {
    const body = {
      fault: {
        error: [
          {
            message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401',
            detail: null,
            code: '3200',
            element: null,
          },
        ],
        type: 'AUTHENTICATION',
      },
      time: 1601391072830,
    }
    expect(faultOf(body)).toStrictEqual({
      type: 'AUTHENTICATION',
      Error: [{ Message: 'message=AuthenticationFailed; errorCode=003200; statusCode=401', code: '3200' }],
    })
  })

  it('finds no fault in a success body', () => {
    expect(faultOf({ Customer: { Id: '1' }, time: 't' })).toBeUndefined()
    expect(faultOf('Unauthorized')).toBeUndefined()
  })
})

describe('fault codes', () => {
  it('are unique and numeric text', () => {
    const codes = Object.values(QBO_FAULTS).map((f) => f.code)
    expect(new Set(codes).size).toBe(codes.length)
    for (const code of codes) expect(code).toMatch(/^\d+$/)
  })

  it('match codes written with gateway zero padding', () => {
    expect(sameFaultCode('003001', '3001')).toBe(true)
    expect(sameFaultCode('3200', '3201')).toBe(false)
    expect(faultCodeInfo('003001')).toBe(QBO_FAULTS.throttled)
    expect(faultCodeInfo('5010')?.message).toBe('Stale Object Error')
    expect(faultCodeInfo('99999')).toBeUndefined()
  })

  it('carry HTTP statuses that fit their fault type', () => {
    for (const info of Object.values(QBO_FAULTS)) {
      if (info.type === 'ValidationFault') expect(info.httpStatus).toBe(400)
      if (info.type === 'SystemFault') expect(info.httpStatus).toBeGreaterThanOrEqual(500)
      if (info.type === 'AUTHENTICATION') expect(info.httpStatus).toBe(401)
    }
  })
})
