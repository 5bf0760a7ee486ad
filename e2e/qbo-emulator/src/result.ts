// The emulator's outcomes as plain values, in the same shape as the app's Result (it shares no code with the
// app it stands in for): a success carries `value`, a failure carries `error`.

export type Ok<T> = { readonly ok: true; readonly value: T }
export type Err<E> = { readonly ok: false; readonly error: E }
export type Result<T, E> = Ok<T> | Err<E>

export function ok<T>(value: T): Ok<T> {
  return { ok: true, value }
}

export function err<E>(error: E): Err<E> {
  return { ok: false, error }
}
