import { parsePhoneNumberFromString } from 'libphonenumber-js/max';

export type PhoneResult = { ok: true; e164: string } | { ok: false; reason: string };

const SEPARATORS = /[\s\-.()\u00a0]/g;

/**
 * Normalises the ways Indonesians write a phone number (081234567890, 6281234567890,
 * +62 812-3456-7890, 812 3456 7890) to E.164 (+6281234567890). Numbers without a
 * country code are read as Indonesian; anything libphonenumber does not consider a
 * valid number is refused.
 */
export function normalizePhone(input: string): PhoneResult {
  if (typeof input !== 'string') return { ok: false, reason: 'bukan teks' };
  const compact = input.trim().replace(SEPARATORS, '');
  if (compact.length === 0) return { ok: false, reason: 'kosong' };
  if (compact.length > 20) return { ok: false, reason: 'terlalu panjang' };
  if (!/^\+?\d+$/.test(compact)) return { ok: false, reason: 'hanya boleh berisi angka' };

  let candidate = compact;
  if (candidate.startsWith('00')) candidate = `+${candidate.slice(2)}`;
  else if (candidate.startsWith('62')) candidate = `+${candidate}`;
  else if (candidate.startsWith('8')) candidate = `0${candidate}`;

  const parsed = parsePhoneNumberFromString(candidate, 'ID');
  if (!parsed || !parsed.isValid()) return { ok: false, reason: 'nomor tidak valid' };
  return { ok: true, e164: parsed.number };
}

/** 081234567890 for Indonesian numbers (how users write them), E.164 for the rest. */
export function formatPhoneForDisplay(e164: string): string {
  const parsed = parsePhoneNumberFromString(e164);
  if (!parsed) return e164;
  return parsed.country === 'ID' ? `0${parsed.nationalNumber}` : parsed.number;
}

/**
 * 0812****7890: the first and last four digits of the display form, enough for the owner to
 * recognise their number (in a chat others may read over their shoulder, or in a log), not
 * enough to call it. Takes any written form; text that is not a valid number is masked as digits.
 */
export function maskPhone(phone: string): string {
  const parsed = normalizePhone(phone);
  const shown = parsed.ok ? formatPhoneForDisplay(parsed.e164) : phone.replace(/[^\d+]/g, '');
  if (shown.length <= 8) return `****${shown.slice(-2)}`;
  return `${shown.slice(0, 4)}****${shown.slice(-4)}`;
}
