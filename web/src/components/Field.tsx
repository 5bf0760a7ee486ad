/**
 * A labelled form control with its validation message right under it, tied to
 * the input with aria-describedby so screen readers read it too.
 */
import { createUniqueId, Show, splitProps, type JSX } from 'solid-js'

interface FieldFrame {
  label: string
  error?: string | undefined
  hint?: string
}

function Frame(props: FieldFrame & { id: string; children: JSX.Element; class?: string }) {
  return (
    <div class={`field ${props.class ?? ''}`} classList={{ 'field-invalid': !!props.error }}>
      <label for={props.id}>{props.label}</label>
      {props.children}
      <Show when={props.hint && !props.error}>
        <div class="field-hint" id={`${props.id}-hint`}>
          {props.hint}
        </div>
      </Show>
      <Show when={props.error}>
        <div class="field-error" id={`${props.id}-error`} role="alert">
          {props.error}
        </div>
      </Show>
    </div>
  )
}

const describedBy = (id: string, p: FieldFrame) => (p.error ? `${id}-error` : p.hint ? `${id}-hint` : undefined)

export type TextFieldProps = FieldFrame &
  Omit<JSX.InputHTMLAttributes<HTMLInputElement>, 'onInput'> & {
    value: string
    onValue: (v: string) => void
    class?: string
  }

export function TextField(props: TextFieldProps) {
  const [frame, input] = splitProps(props, ['label', 'error', 'hint', 'value', 'onValue', 'class'])
  const id = createUniqueId()
  return (
    <Frame id={id} label={frame.label} error={frame.error} hint={frame.hint ?? ''} class={frame.class ?? ''}>
      <input
        id={id}
        {...input}
        value={frame.value}
        onInput={(e) => frame.onValue(e.currentTarget.value)}
        aria-invalid={frame.error ? 'true' : undefined}
        aria-describedby={describedBy(id, frame)}
      />
    </Frame>
  )
}

export function TextAreaField(
  props: FieldFrame & { value: string; onValue: (v: string) => void; rows?: number; class?: string },
) {
  const id = createUniqueId()
  return (
    <Frame id={id} label={props.label} error={props.error} hint={props.hint ?? ''} class={props.class ?? ''}>
      <textarea
        id={id}
        rows={props.rows ?? 3}
        value={props.value}
        onInput={(e) => props.onValue(e.currentTarget.value)}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(id, props)}
      />
    </Frame>
  )
}

export interface Choice {
  value: string
  label: string
}

export function SelectField(
  props: FieldFrame & {
    value: string
    onValue: (v: string) => void
    choices: readonly Choice[]
    placeholder?: string
    class?: string
  },
) {
  const id = createUniqueId()
  return (
    <Frame id={id} label={props.label} error={props.error} hint={props.hint ?? ''} class={props.class ?? ''}>
      <select
        id={id}
        value={props.value}
        onChange={(e) => props.onValue(e.currentTarget.value)}
        aria-invalid={props.error ? 'true' : undefined}
        aria-describedby={describedBy(id, props)}
      >
        <Show when={props.placeholder !== undefined}>
          <option value="">{props.placeholder}</option>
        </Show>
        {props.choices.map((c) => (
          <option value={c.value} selected={c.value === props.value}>
            {c.label}
          </option>
        ))}
      </select>
    </Frame>
  )
}

export function CheckboxField(props: {
  label: string
  checked: boolean
  onChecked: (v: boolean) => void
  hint?: string
}) {
  const id = createUniqueId()
  return (
    <div class="field field-check">
      <input
        id={id}
        type="checkbox"
        checked={props.checked}
        onChange={(e) => props.onChecked(e.currentTarget.checked)}
      />
      <label for={id}>{props.label}</label>
      <Show when={props.hint}>
        <div class="field-hint">{props.hint}</div>
      </Show>
    </div>
  )
}
