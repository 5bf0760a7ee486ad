/** A modal question with two clear answers, on the native <dialog> (focus trap and Escape for free). */
import { createEffect, type JSX } from 'solid-js'

export interface ConfirmDialogProps {
  open: boolean
  title: string
  children: JSX.Element
  confirmLabel: string
  cancelLabel?: string
  danger?: boolean
  /** The confirm button waits for the question's answer (a choice to be made in the dialog). */
  confirmDisabled?: boolean
  onConfirm: () => void
  onCancel: () => void
}

export function ConfirmDialog(props: ConfirmDialogProps) {
  let dialog: HTMLDialogElement | undefined
  createEffect(() => {
    if (!dialog) return
    if (props.open && !dialog.open) dialog.showModal()
    if (!props.open && dialog.open) dialog.close()
  })
  return (
    <dialog
      ref={dialog}
      class="dialog"
      aria-labelledby="dialog-title"
      onCancel={(e) => {
        e.preventDefault()
        props.onCancel()
      }}
    >
      <h3 id="dialog-title">{props.title}</h3>
      <div class="dialog-body">{props.children}</div>
      <div class="dialog-actions">
        <button type="button" class="btn" onClick={() => props.onCancel()}>
          {props.cancelLabel ?? 'Cancel'}
        </button>
        <button
          type="button"
          class="btn"
          classList={{ 'btn-danger': props.danger, 'btn-primary-solid': !props.danger }}
          disabled={props.confirmDisabled}
          onClick={() => props.onConfirm()}
        >
          {props.confirmLabel}
        </button>
      </div>
    </dialog>
  )
}
