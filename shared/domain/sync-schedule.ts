/** When the app sends changes to QuickBooks (pulls may still run on their own clock). */
import { z } from 'zod'

export const SyncSchedule = z.discriminatedUnion('mode', [
  /** Send each change a moment after it is saved. */
  z.object({ mode: z.literal('automatic') }),
  z.object({ mode: z.literal('hourly') }),
  /** Once a day at a local time, `HH:MM` on the device's clock. */
  z.object({ mode: z.literal('daily'), at: z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'Pick a time like 18:00') }),
  /** Only when someone taps Sync Now. */
  z.object({ mode: z.literal('manual') }),
])
export type SyncSchedule = z.infer<typeof SyncSchedule>
