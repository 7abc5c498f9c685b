/** How emails are stored and compared: trimmed and lowercased (wire 10 §1.1). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}
