import { readFileSync } from 'node:fs';
import { VeilError } from '../errors.js';

/** The secret from --seed, --secret-file or VEIL_SECRET (in that order; set but empty is an error); undefined = random per run. */
export function resolveSecret(opts: { seed?: string; secretFile?: string }, env: NodeJS.ProcessEnv): string | Buffer | undefined {
  if (opts.seed !== undefined && opts.secretFile !== undefined) {
    throw new VeilError('CLI_USAGE', '--seed and --secret-file cannot be used together', { hint: 'use one source for the secret' });
  }
  if (opts.seed !== undefined) return `seed:${opts.seed}`;
  if (opts.secretFile !== undefined) {
    let content: Buffer;
    try {
      content = readFileSync(opts.secretFile);
    } catch (e) {
      throw new VeilError('CLI_SECRET', `cannot read the secret file: ${(e as Error).message}`, { hint: 'check --secret-file' });
    }
    const trimmed = Buffer.from(content.toString('utf8').replace(/\r?\n$/, ''), 'utf8');
    if (trimmed.length < 16) throw new VeilError('CLI_SECRET', 'the secret file holds fewer than 16 bytes', { hint: 'use a long random secret, e.g. openssl rand -hex 32' });
    return trimmed;
  }
  const fromEnv = env.VEIL_SECRET;
  if (fromEnv !== undefined) {
    // (VEIL_SECRET=$(cat missing-file) in a job: a random secret would silently change every fake)
    if (fromEnv === '') throw new VeilError('CLI_SECRET', 'VEIL_SECRET is set but empty', { hint: 'set it to the secret, or unset it for a random per-run secret' });
    if (fromEnv.length < 16) throw new VeilError('CLI_SECRET', 'VEIL_SECRET is shorter than 16 characters', { hint: 'use a long random secret, e.g. openssl rand -hex 32' });
    return fromEnv;
  }
  return undefined;
}
