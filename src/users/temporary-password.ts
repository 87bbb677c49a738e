import { randomInt } from 'node:crypto';

/** No 0/O, 1/l/I: read aloud or copied from a screen by hand, it must not be misread. */
const ALPHABET = 'ABCDEFGHJKMNPQRSTUVWXYZabcdefghjkmnpqrstuvwxyz23456789';
const LENGTH = 12;

/** A one-time password for an imported account (~69 bits); its owner must replace it at first login. */
export function temporaryPassword(): string {
  let password = '';
  for (let i = 0; i < LENGTH; i += 1) password += ALPHABET[randomInt(ALPHABET.length)];
  return password;
}
