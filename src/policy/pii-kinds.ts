import type { ColumnType, ValueKind } from '../model.js';

/** What kind of personal data a column (or a JSON path) seems to hold. */
export type PiiKind =
  | 'email'
  | 'phone'
  | 'first-name'
  | 'last-name'
  | 'full-name'
  | 'username'
  | 'street-address'
  | 'city'
  | 'zip'
  | 'national-id'
  | 'iban'
  | 'card'
  | 'ip'
  | 'mac'
  | 'birth-date'
  | 'secret'
  | 'latitude'
  | 'longitude'
  | 'user-agent'
  | 'url'
  | 'free-text'
  | 'json';

/** A suspicion with its evidence, e.g. `name "phone"` or `92 of 100 sampled values are email addresses`. */
export interface PiiGuess {
  kind: PiiKind;
  /** How it was found. */
  by: 'name' | 'values';
  reason: string;
}

/** The transformer a draft rule uses for each kind, when the column's type accepts it. */
const TRANSFORMER: Record<PiiKind, string> = {
  email: 'email',
  phone: 'phone',
  'first-name': 'first-name',
  'last-name': 'last-name',
  'full-name': 'full-name',
  username: 'username',
  'street-address': 'street-address',
  city: 'city',
  zip: 'zip',
  'national-id': 'format-preserving',
  iban: 'iban',
  card: 'credit-card',
  ip: 'ipv4',
  mac: 'mac',
  'birth-date': 'date-of-birth',
  secret: 'hash',
  latitude: 'latitude',
  longitude: 'longitude',
  'user-agent': 'user-agent',
  url: 'url',
  'free-text': 'text',
  json: 'json',
};

/** When the kind's transformer does not take the column's type: a generic one that does. */
const BY_VALUE_KIND: Partial<Record<ValueKind, string>> = {
  integer: 'digits',
  numeric: 'noise',
  float: 'noise',
  date: 'date-shift',
  timestamp: 'date-shift',
  uuid: 'uuid',
  inet: 'ipv4',
  mac: 'mac',
  binary: 'hash',
  json: 'json',
  array: 'null',
  enum: 'keep',
  boolean: 'keep',
  time: 'keep',
};

/** Value kinds a column of this PII kind plausibly has (a boolean `email_verified` is not an email). */
const PLAUSIBLE: Record<PiiKind, ValueKind[]> = {
  email: ['text', 'other', 'array', 'json'],
  phone: ['text', 'other', 'integer', 'numeric', 'array'],
  'first-name': ['text', 'other'],
  'last-name': ['text', 'other'],
  'full-name': ['text', 'other'],
  username: ['text', 'other'],
  'street-address': ['text', 'other', 'json'],
  city: ['text', 'other'],
  zip: ['text', 'other', 'integer'],
  'national-id': ['text', 'other', 'integer', 'numeric'],
  iban: ['text', 'other'],
  card: ['text', 'other', 'integer', 'numeric'],
  ip: ['inet', 'text', 'other', 'binary'],
  mac: ['mac', 'text', 'other'],
  'birth-date': ['date', 'timestamp', 'text', 'other'],
  secret: ['text', 'other', 'binary', 'uuid'],
  latitude: ['numeric', 'float', 'text', 'other'],
  longitude: ['numeric', 'float', 'text', 'other'],
  'user-agent': ['text', 'other'],
  url: ['text', 'other'],
  'free-text': ['text', 'other'],
  json: ['json', 'text', 'other'],
};

export function plausibleFor(kind: PiiKind, type: ColumnType | undefined): boolean {
  return type === undefined || PLAUSIBLE[kind].includes(type.kind);
}

/** The transformer name a draft rule uses for `kind` on a column of `type`. */
export function transformerFor(kind: PiiKind, type: ColumnType | undefined, accepts: (name: string) => boolean): string {
  const preferred = TRANSFORMER[kind];
  if (accepts(preferred)) return preferred;
  const generic = type ? BY_VALUE_KIND[type.kind] : undefined;
  if (generic && accepts(generic)) return generic;
  return 'null';
}
