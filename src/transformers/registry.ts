import type { TransformerDef } from './define.js';
import { fixed, keep, nullify } from './basic.js';
import { email } from './email.js';
import { hash } from './hash.js';
import { mask } from './mask.js';
import { firstName, fullName, lastName } from './names.js';
import { phone } from './phone.js';
import { username } from './person.js';

/** Every transformer, listed explicitly (no registration by import side effect). */
export const TRANSFORMERS: readonly TransformerDef[] = [
  email,
  firstName,
  lastName,
  fullName,
  phone,
  username,
  nullify,
  keep,
  fixed,
  hash,
  mask,
] as unknown as readonly TransformerDef[];

const byName = new Map(TRANSFORMERS.map((t) => [t.name, t]));

export function findTransformer(name: string): TransformerDef | undefined {
  return byName.get(name);
}

export function transformerNames(): string[] {
  return [...byName.keys()];
}
