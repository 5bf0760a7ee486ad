/**
 * Manual export on or off. Turning it off asks first, then sends what was waiting for approval; turning it on
 * holds every invoice and payment not yet sent until someone approves it on the Export screen.
 */
import { createSignal } from 'solid-js'
import { CheckboxField } from '../../components/Field.tsx'
import { ConfirmDialog } from '../../components/ConfirmDialog.tsx'
import { useDb } from '../../state/db.ts'
import { useSession } from '../../state/session.ts'
import { syncStatus } from '../../state/sync-status.ts'
import { saveCompanySettings } from '../setup/save-company-settings.ts'

export function ExportModeSwitch(props: { manual: boolean; onMessage?: (m: string) => void }) {
  const db = useDb()
  const sync = syncStatus()
  const qbo = useSession()
  const realm = () => {
    const s = qbo.session()
    return s?.connected ? s.realmId : undefined
  }
  const [asking, setAsking] = createSignal(0)
  // The box shows the choice being made until it is saved or refused, then what is saved again: a refused change
  // (offline, not the owner) must not leave the box ticked.
  const [choosing, setChoosing] = createSignal<boolean>()
  const turnOn = async () => {
    const r = await saveCompanySettings(db, realm(), { exportMode: 'manual' })
    setChoosing(undefined)
    props.onMessage?.(r.ok ? 'Manual export is on: new invoices and payments wait for approval.' : r.error.message)
  }
  const ask = async () => setAsking((await sync.waitingForExport()).length || -1)
  const turnOff = async () => {
    setAsking(0)
    const waiting = await sync.waitingForExport()
    const r = await saveCompanySettings(db, realm(), { exportMode: 'automatic' })
    setChoosing(undefined)
    if (!r.ok) return props.onMessage?.(r.error.message)
    if (waiting.length === 0) return props.onMessage?.('Manual export is off.')
    const sent = await sync.exportNow(waiting.map(({ kind, localId }) => ({ kind, localId })))
    props.onMessage?.(
      sent.ok
        ? `Manual export is off. ${sent.value.synced} sent to QuickBooks, ${sent.value.failed} failed (see the sync log).`
        : `Manual export is off. ${sent.error.message}`,
    )
  }
  return (
    <>
      <CheckboxField
        label="Approve invoices and payments before they go to QuickBooks"
        checked={choosing() ?? props.manual}
        onChecked={(on) => {
          setChoosing(on)
          void (on ? turnOn() : ask())
        }}
        hint="When on, finalized invoices and payments wait on the Export screen until someone picks them and sends them."
      />
      <ConfirmDialog
        open={asking() !== 0}
        title="Turn off manual export?"
        confirmLabel={asking() > 0 ? `Turn off and send ${asking()}` : 'Turn off'}
        onConfirm={() => void turnOff()}
        onCancel={() => {
          setAsking(0)
          setChoosing(undefined)
        }}
      >
        <p>
          {asking() > 0
            ? `${asking()} invoices and payments are waiting for approval. They will be created in QuickBooks now, ` +
              'with any customers and items they need; after that, new ones go as they are finalized.'
            : 'New invoices and payments will go to QuickBooks as they are finalized.'}
        </p>
      </ConfirmDialog>
    </>
  )
}
