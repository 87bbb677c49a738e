/** "  p. 309 " → "P. 309": upper case, single spaces, as painted on the unit. */
export function normalizeUnitCode(input: string): string {
  return input.trim().replace(/\s+/g, ' ').toUpperCase();
}

/** Letters and digits only, upper case: "P.309", "p 309" and "P309" are one unit. */
export function searchKey(input: string): string {
  return input.toUpperCase().replace(/[^A-Z0-9]/g, '');
}

/** "kt 1234  ab" → "KT 1234 AB" */
export function normalizePlate(input: string): string {
  return input.trim().replace(/\s+/g, ' ').toUpperCase();
}
