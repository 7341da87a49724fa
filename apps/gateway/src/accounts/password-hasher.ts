import { Injectable } from '@nestjs/common';
import argon2, { type HashOptions } from 'argon2';

/**
 * argon2id with OWASP's recommended minimum (19 MiB, 2 passes): slow enough to make a stolen
 * table expensive to guess at, quick enough (tens of ms) for a login.
 */
const options: HashOptions & { raw?: false } = {
  type: argon2.argon2id,
  memoryCost: 19_456,
  timeCost: 2,
  parallelism: 1,
};

@Injectable()
export class PasswordHasher {
  /** Verified against when the account does not exist, so both cases take the same time. */
  private readonly decoy = argon2.hash('decoy password for unknown accounts', options);

  hash(password: string): Promise<string> {
    return argon2.hash(password, options);
  }

  async verify(hash: string | undefined, password: string): Promise<boolean> {
    if (hash === undefined) {
      await argon2.verify(await this.decoy, password);
      return false;
    }
    return argon2.verify(hash, password);
  }
}
