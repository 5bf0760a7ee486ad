import { readQboFixtureBytes } from '#fixtures/qbo-fixtures.ts'
import { describe, expect, it } from 'vitest'
import { signPayload, verifySignature } from './signature.ts'

// Intuit's own test vector: the Java SDK's WebhooksServiceTest payload, signature and verifier token
// (see fixtures/qbo/SOURCES.md).
const fixture = readQboFixtureBytes('webhook/classic-customer-create.signed.java-sdk.json')
const verifierToken = 'b5771f19b12ddb4bcdb9f08bdc50bc63878a'
const intuitSignature = 'JC2GUwciPmRBwEO7WvrRmKqu9tGOKL8FFallocTFi8Q='

describe('intuit-signature', () => {
  it('matches the signature Intuit published for its test payload', async () => {
    expect(await signPayload(verifierToken, new Uint8Array(fixture))).toBe(intuitSignature)
    expect(await signPayload(verifierToken, fixture.toString('utf8'))).toBe(intuitSignature)
  })

  it('verifies only the exact bytes with the exact key', async () => {
    expect(await verifySignature(verifierToken, new Uint8Array(fixture), intuitSignature)).toBe(true)
    expect(await verifySignature(verifierToken, fixture.toString('utf8') + ' ', intuitSignature)).toBe(false)
    expect(await verifySignature('another-verifier', new Uint8Array(fixture), intuitSignature)).toBe(false)
    expect(await verifySignature(verifierToken, new Uint8Array(fixture), '1234')).toBe(false)
  })
})
