/**
 * Spreadsheet formula injection: a text cell that starts with `=`, `+`, `-` or `@` (or a tab or
 * carriage return, which some programs skip before reading one of those) may be run as a formula
 * when the file is opened or re-saved as CSV. Drivers write remarks freely, so every exported text
 * goes through this: such a text gets a leading apostrophe and stays plain text (OWASP's advice).
 */
const FORMULA_STARTS = new Set(['=', '+', '-', '@', '\t', '\r']);

/** The text as is, or with a leading `'` when it could be read as a formula. */
export function escapeFormula(text: string): string {
  return text.length > 0 && FORMULA_STARTS.has(text[0]!) ? `'${text}` : text;
}

/** escapeFormula for a nullable text; null stays null (an empty cell). */
export function safeText(text: string | null | undefined): string | null {
  return text === null || text === undefined ? null : escapeFormula(text);
}

/** Text for a printed page header or footer: `&` starts a code there (page number, font), so it is doubled. */
export function headerFooterText(text: string): string {
  return text.replace(/&/g, '&&');
}
