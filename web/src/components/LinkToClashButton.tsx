/**
 * "Link" for a duplicate-name refusal (docs/product.md §Errors: QuickBooks refuses a name it already has → rename or
 * link): asks first, naming the QuickBooks record, then ties this record to it through the sync worker instead of
 * creating a second one. Used on a record's detail panel and on the sync log's error row.
 */
import { createSignal, Show } from 'solid-js'
import { clashWords, type Clash, type LinkableKind } from '../state/duplicate-clash.ts'
import { useRole } from '../state/role.ts'
import { syncStatus } from '../state/sync-status.ts'
import { ConfirmDialog } from './ConfirmDialog.tsx'

export function LinkToClashButton(props: {
  kind: LinkableKind
  localId: string
  label?: string | undefined
  clash: Clash
  onNote: (note: string | undefined) => void
}) {
  const sync = syncStatus()
  const role = useRole()
  const [asking, setAsking] = createSignal(false)
  const link = async () => {
    setAsking(false)
    props.onNote(undefined)
    // Read the props before the await: once the link is written, the error row that holds this button closes,
    // and reading its props afterwards is a stale read.
    const { kind, localId, clash, onNote } = props
    const words = clashWords(kind, clash)
    const r = await sync.link({ kind, localId, qboId: clash.qboId })
    onNote(r.ok ? `Linked to ${words}${r.value.reactivated ? ', made active again' : ''}.` : r.error.message)
  }
  // Linking is a decision (the owner's or the office's): a crew tablet shows the refusal, not the way out.
  return (
    <Show when={role.can('decisions')}>
      <button type="button" class="btn" disabled={sync.state.running} onClick={() => setAsking(true)}>
        Link
      </button>
      <ConfirmDialog
        open={asking()}
        title="Link to the QuickBooks record?"
        confirmLabel="Link"
        onConfirm={() => void link()}
        onCancel={() => setAsking(false)}
      >
        <p>
          {props.label === undefined ? `This ${props.kind}` : `“${props.label}”`} will be linked to{' '}
          {clashWords(props.kind, props.clash)} instead of creating a second one. Fieldsync sends nothing over it now;
          later edits here update that record in QuickBooks.
        </p>
      </ConfirmDialog>
    </Show>
  )
}
