import { Hono } from 'hono'
import type { AppEnv } from './env.ts'

export const app = new Hono<AppEnv>()

app.get('/health', (c) => c.json({ ok: true, service: 'fieldsync-edge' }))
