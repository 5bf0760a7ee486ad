import { describe, expect, it } from 'vitest'
import { parseCli } from './cli-options.ts'

describe('emulator command line', () => {
  it("defaults to Fieldsync's local app, the small seed, port 9400, real time and no chaos", () => {
    const r = parseCli([])
    expect(r).toMatchObject({
      ok: true,
      value: {
        port: 9400,
        seed: 'small',
        timeScale: 1,
        chaos: { probability: 0 },
        tokenChaos: { probability: 0 },
        apps: [
          {
            clientId: 'fieldsync-local',
            clientSecret: 'fieldsync-local-secret',
            redirectUris: ['http://127.0.0.1:5173/auth/intuit/callback', 'http://127.0.0.1:4173/auth/intuit/callback'],
          },
        ],
      },
    })
  })

  it('registers the app from --client-id, --client-secret and repeatable --redirect-uri, with chaos, time scale and webhooks', () => {
    const r = parseCli([
      '--port',
      '0',
      '--seed',
      'large',
      '--chaos',
      '0.1',
      '--token-chaos',
      '0.05',
      '--chaos-seed',
      '7',
      '--time-scale',
      '60',
      '--client-id',
      'X',
      '--client-secret',
      'Y',
      '--redirect-uri',
      'https://a.example/cb',
      '--redirect-uri',
      'https://b.example/cb',
      '--webhook-url',
      'https://hooks.example/q',
      '--webhook-verifier',
      'V',
    ])
    expect(r).toEqual({
      ok: true,
      value: {
        port: 0,
        seed: 'large',
        timeScale: 60,
        chaos: { probability: 0.1, seed: 7 },
        tokenChaos: { probability: 0.05, seed: 7 },
        apps: [
          {
            clientId: 'X',
            clientSecret: 'Y',
            appName: 'Fieldsync',
            redirectUris: ['https://a.example/cb', 'https://b.example/cb'],
            webhook: { url: 'https://hooks.example/q', verifierToken: 'V' },
          },
        ],
      },
    })
  })

  it.each([
    [['--seed', 'medium']],
    [['--chaos', '1.5']],
    [['--token-chaos', '-0.1']],
    [['--time-scale', '0']],
    [['--redirect-uri', 'not-a-url']],
    [['--webhook-url', 'https://hooks.example/q']],
    [['--unknown-flag']],
  ])('refuses %j with a message', (argv) => {
    const r = parseCli(argv)
    expect(r.ok).toBe(false)
    if (!r.ok) expect(r.error).toMatchObject({ kind: 'invalid_arguments', message: expect.stringMatching(/./) })
  })
})
