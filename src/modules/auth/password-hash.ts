import argon2 from 'argon2';

/**
 * argon2id with OWASP's recommended minimum (19 MiB memory, 2 passes, 1 lane). The encoded
 * hash carries its own parameters, so raising them later still verifies old hashes.
 */
const options = { type: argon2.argon2id, memoryCost: 19_456, timeCost: 2, parallelism: 1 } as const;

export function hashPassword(password: string): Promise<string> {
  return argon2.hash(password, options);
}

export async function verifyPassword(hash: string, password: string): Promise<boolean> {
  try {
    return await argon2.verify(hash, password);
  } catch {
    // A malformed stored hash is a wrong password, not a crash.
    return false;
  }
}

let dummy: Promise<string> | undefined;
/**
 * Spends the same time as a real check when the username does not exist, so response
 * times do not tell which usernames are real.
 */
export async function verifyNothing(password: string): Promise<false> {
  dummy ??= hashPassword('not a real password, only for timing');
  await verifyPassword(await dummy, password);
  return false;
}
