import { describe, expect, it } from 'vitest'
import { classifyQboPayload } from './classify-payload.ts'

describe('classifyQboPayload', () => {
  it.each([
    [{ Fault: {}, time: 't' }, 'Fault'],
    [{ fault: {}, QueryResponse: null }, 'gateway fault'],
    [{ QueryResponse: {} }, 'QueryResponse'],
    [{ Invoice: { Id: '1', status: 'Deleted' } }, 'Invoice delete response'],
    [{ Invoice: { Id: '1' } }, 'Invoice response'],
    [{ error: 'invalid_grant' }, 'token error'],
    [[{ specversion: '1.0' }], 'CloudEvents'],
  ])('names %j as %s', (body, name) => {
    expect(classifyQboPayload(body)?.name).toBe(name)
  })

  it('prefers a Fault over an entity key in the same body', () => {
    expect(classifyQboPayload({ Customer: { Id: '1' }, Fault: {} })?.name).toBe('Fault')
  })

  it('uses the hint only for bare entities', () => {
    expect(classifyQboPayload({ Id: '3', Name: 'Hour' }, 'item')?.name).toBe('bare Item')
    expect(classifyQboPayload({ Id: '3', Name: 'Hour' })).toBeUndefined()
    expect(classifyQboPayload({ Id: '3' }, 'vendor')).toBeUndefined()
  })

  it('leaves unknown shapes unclassified', () => {
    for (const body of [{ hello: 1 }, [], [{ id: 1 }], 'text', null]) expect(classifyQboPayload(body)).toBeUndefined()
  })
})
