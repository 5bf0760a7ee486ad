/**
 * How changes go to QuickBooks: automatically on every change, hourly, daily at a chosen time, or only on Sync Now.
 * Used in Settings and in the setup wizard; pulls from QuickBooks run on their own either way.
 */
import { createSignal, Show } from 'solid-js'
import type { SyncSchedule } from '#shared/domain/index.ts'
import { SelectField, TextField } from '../../components/Field.tsx'
import { scheduleWords } from '../../sync/schedule.ts'

const CHOICES = [
  { value: 'automatic', label: 'Automatically, a moment after each change' },
  { value: 'hourly', label: 'Once an hour' },
  { value: 'daily', label: 'Once a day, at a time I choose' },
  { value: 'manual', label: 'Only when I tap Sync Now' },
] as const

export function SchedulePicker(props: { schedule: SyncSchedule; onSave: (s: SyncSchedule) => void }) {
  const [at, setAt] = createSignal(props.schedule.mode === 'daily' ? props.schedule.at : '18:00')
  const [error, setError] = createSignal<string>()
  const pick = (mode: string) => {
    if (mode === 'daily') return props.onSave({ mode: 'daily', at: at() })
    props.onSave({ mode: mode as 'automatic' | 'hourly' | 'manual' })
  }
  const saveTime = () => {
    if (!/^([01]\d|2[0-3]):[0-5]\d$/.test(at())) return setError('Pick a time like 18:00')
    setError(undefined)
    if (props.schedule.mode !== 'daily' || props.schedule.at !== at()) props.onSave({ mode: 'daily', at: at() })
  }
  return (
    <div class="stack" style={{ gap: '8px' }} data-testid="schedule-picker">
      <SelectField
        label="Send changes to QuickBooks"
        value={props.schedule.mode}
        onValue={pick}
        choices={CHOICES}
        hint={scheduleWords(props.schedule)}
      />
      <Show when={props.schedule.mode === 'daily'}>
        <TextField
          label="Time of day (24-hour)"
          inputmode="numeric"
          value={at()}
          onValue={setAt}
          onBlur={saveTime}
          error={error()}
          placeholder="18:00"
        />
      </Show>
    </div>
  )
}
