import { validateColumnRule } from '../rules/load.js';
import { array } from './array.js';
import { fixed, keep, nullify } from './basic.js';
import { dateOfBirth } from './birth.js';
import { choice } from './choice.js';
import { dateShift } from './date-shift.js';
import type { TransformerDef } from './define.js';
import { email } from './email.js';
import { creditCard, iban } from './finance.js';
import { latitude, longitude } from './geo.js';
import { hash } from './hash.js';
import { digits, formatPreserving, uuid } from './identity.js';
import { intRange } from './int-range.js';
import { domain, ipv4Transformer, ipv6Transformer, url, userAgent } from './internet.js';
import { mac } from './mac.js';
import { json } from './json.js';
import { city, country, state, streetAddress, zip } from './location.js';
import { mask } from './mask.js';
import { firstName, fullName, lastName } from './names.js';
import { provideRuleValidator } from './nested.js';
import { noise } from './noise.js';
import { username } from './person.js';
import { phone } from './phone.js';
import { phpSerialized } from './php-serialized.js';
import { regexReplace } from './regex-replace.js';
import { switchTransformer } from './switch.js';
import { template } from './template.js';
import { text } from './text.js';

/** Every transformer, listed explicitly (no registration by import side effect), in catalog order. */
export const TRANSFORMERS: readonly TransformerDef[] = [
  // person
  firstName,
  lastName,
  fullName,
  username,
  email,
  phone,
  dateOfBirth,
  // location
  streetAddress,
  city,
  zip,
  state,
  country,
  latitude,
  longitude,
  // finance
  creditCard,
  iban,
  noise,
  // internet
  ipv4Transformer,
  ipv6Transformer,
  mac,
  url,
  domain,
  userAgent,
  // identity
  uuid,
  digits,
  formatPreserving,
  hash,
  // generic
  nullify,
  keep,
  fixed,
  mask,
  intRange,
  dateShift,
  text,
  choice,
  regexReplace,
  // composite
  template,
  json,
  phpSerialized,
  array,
  switchTransformer,
] as unknown as readonly TransformerDef[];

const byName = new Map(TRANSFORMERS.map((t) => [t.name, t]));

export function findTransformer(name: string): TransformerDef | undefined {
  return byName.get(name);
}

export function transformerNames(): string[] {
  return [...byName.keys()];
}

// Nested rules (json paths, array elements) are validated like column rules, at rules-load time.
provideRuleValidator(validateColumnRule);
