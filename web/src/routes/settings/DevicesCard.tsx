/**
 * Settings → Devices, for an owner: every device on the company with its role and when it was last seen, this
 * one marked, Remove (asked first, naming the device), and Add a device.
 */
import { createQuery, useQueryClient } from '@tanstack/solid-query'
import { createSignal, For, Show } from 'solid-js'
import type { Device } from '#shared/api/index.ts'
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx'
import { useFormats } from '../../state/format.ts'
import { useRole } from '../../state/role.ts'
import { useSession } from '../../state/session.ts'
import { devicesQuery, removeDevice, teamKeys } from '../../state/team.ts'
import { lastSeen, roleLabels } from '../../state/team-labels.ts'
import { AddDevice } from './AddDevice.tsx'

export function DevicesCard() {
  const role = useRole()
  const qbo = useSession()
  return (
    <Show when={qbo.connected() && role.can('devices')}>
      <Devices />
    </Show>
  )
}

function Devices() {
  const client = useQueryClient()
  const fmt = useFormats()
  const qbo = useSession()
  // Read again every few seconds while open: a device that joins with the code shown shows up by itself.
  const list = createQuery(() => ({ ...devicesQuery(), refetchInterval: 5_000 }))
  const [removing, setRemoving] = createSignal<Device>()
  const [adding, setAdding] = createSignal(false)
  const [message, setMessage] = createSignal<string>()
  const company = () => {
    const s = qbo.session()
    return (s?.connected ? s.companyName : null) ?? 'the company'
  }
  const reload = () => client.invalidateQueries({ queryKey: teamKeys.devices })
  const remove = async (d: Device) => {
    setRemoving(undefined)
    const r = await removeDevice(d.id)
    if (!r.ok) return setMessage(`"${d.name}" could not be removed: ${r.error.message}`)
    const numbers = r.value.numbersReturned
    setMessage(
      `"${d.name}" was removed. It can no longer sync with ${company()}.` +
        (numbers > 0 ? ` ${numbers} invoice number${numbers === 1 ? '' : 's'} it held went back to the company.` : ''),
    )
    await reload()
    void qbo.refresh()
  }
  return (
    <section class="card stack" id="devices" aria-labelledby="devices-title" data-testid="devices-card">
      <div class="integration-head">
        <h3 id="devices-title" style={{ flex: 1 }}>
          Devices
        </h3>
        <Show when={!adding()}>
          <button type="button" class="btn btn-primary-solid" onClick={() => setAdding(true)}>
            Add a device
          </button>
        </Show>
      </div>
      <Show when={adding()}>
        <AddDevice
          onDone={() => {
            setAdding(false)
            void reload()
          }}
        />
      </Show>
      <Show when={message()}>
        {(m) => (
          <p class="notice-box" role="status" data-testid="devices-message">
            {m()}
          </p>
        )}
      </Show>
      <Show when={!list.isPending} fallback={<p class="loading">Reading the devices…</p>}>
        <Show
          when={list.data?.ok ? list.data.value : undefined}
          fallback={
            <p class="form-error" role="alert">
              The devices could not be read: {list.data && !list.data.ok ? list.data.error.message : ''}
            </p>
          }
        >
          {(v) => (
            <ul class="stack" aria-label="Devices" style={{ 'list-style': 'none', padding: 0 }}>
              <For each={v().devices}>
                {(d) => (
                  <li
                    style={{
                      display: 'flex',
                      'min-height': '56px',
                      'align-items': 'center',
                      gap: '12px',
                      'border-bottom': '1px solid #e5e7eb',
                      'padding-bottom': '8px',
                    }}
                  >
                    <div style={{ flex: 1 }}>
                      <strong>{d.name}</strong>{' '}
                      <Show when={d.id === v().thisDeviceId}>
                        <span class="pill pill-info">This device</span>
                      </Show>
                      <div class="muted">
                        {roleLabels[d.role]} · last seen {lastSeen(d.lastSeenAt, Date.now(), fmt().locale)}
                      </div>
                    </div>
                    <Show when={d.id !== v().thisDeviceId}>
                      <button type="button" class="btn" onClick={() => setRemoving(d)}>
                        Remove
                      </button>
                    </Show>
                  </li>
                )}
              </For>
            </ul>
          )}
        </Show>
      </Show>
      <ConfirmDialog
        open={removing() !== undefined}
        title={`Remove "${removing()?.name ?? ''}"?`}
        confirmLabel="Remove device"
        danger
        onConfirm={() => {
          const d = removing()
          if (d) void remove(d)
        }}
        onCancel={() => setRemoving(undefined)}
      >
        <p>
          "{removing()?.name}" stops syncing with {company()} at once. Records it has not sent yet stay on it, and it
          can save them to a file. It can join again only with a new code.
        </p>
      </ConfirmDialog>
    </section>
  )
}
