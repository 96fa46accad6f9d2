// A first or reset password the admin hands over: long and random, without look-alike characters
// (0/O, 1/l/I) so it survives being read out or retyped.

const ALPHABET = "abcdefghijkmnopqrstuvwxyzABCDEFGHJKLMNPQRSTUVWXYZ23456789";
export const GENERATED_LENGTH = 20;

export function generatePassword(length = GENERATED_LENGTH): string {
  const out: string[] = [];
  // Rejection sampling keeps every character equally likely (256 is not a multiple of the alphabet).
  const limit = 256 - (256 % ALPHABET.length);
  while (out.length < length) {
    for (const b of crypto.getRandomValues(new Uint8Array(length * 2))) {
      if (b < limit && out.length < length) out.push(ALPHABET[b % ALPHABET.length]);
    }
  }
  // Groups of 5 are easier to read out; the dashes are not random (23 characters in all).
  return out.join("").replace(/(.{5})(?=.)/g, "$1-");
}
