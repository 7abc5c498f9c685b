/** Whether Postgres can store the string as text: no NUL, and no lone surrogate, which UTF-8 cannot encode. */
export function isStorableText(value: string): boolean {
  return !value.includes("\u0000") && (value as string & { isWellFormed(): boolean }).isWellFormed();
}
