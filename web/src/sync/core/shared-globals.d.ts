// shared/domain/common.ts mints ids with `crypto.randomUUID()`; that one global is declared here only so the
// shared schemas type-check under the core's ES2022-only lib. Core code never mints ids: the runner does.
declare const crypto: { randomUUID(): string }
