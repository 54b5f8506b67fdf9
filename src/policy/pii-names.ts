import type { ColumnType, TableRef } from '../model.js';
import { plausibleFor, type PiiGuess, type PiiKind } from './pii-kinds.js';

/**
 * PII by column name: words of the name (camelCase, snake_case, spaces, dashes; accents folded) against
 * a list per kind, in a few languages. Ordered: the first kind that matches wins (`ip_address` is an
 * IP address, `email_address` an email, `address` a street address).
 */
const BY_NAME: [PiiKind, (w: Words) => boolean][] = [
  ['email', (w) => w.any('email', 'emails', 'mail', 'emailaddress') || w.joinedHas('email')],
  ['ip', (w) => w.any('ip', 'ip4', 'ip6', 'ipv4', 'ipv6', 'ipaddr', 'ipaddress', 'remoteaddr', 'clientip', 'lastip', 'inet')],
  ['mac', (w) => w.any('mac', 'macaddr', 'macaddress')],
  ['phone', (w) => w.any('phone', 'phones', 'tel', 'telephone', 'mobile', 'cell', 'cellphone', 'fax', 'msisdn', 'telefon', 'telefono', 'handy', 'portable') || w.joinedHas('phone')],
  ['birth-date', (w) => w.any('dob', 'birth', 'birthday', 'birthdate', 'born', 'geburtsdatum', 'geburtstag', 'naissance', 'nacimiento') || w.joinedHas('birth')],
  ['first-name', (w) => w.joinedIn('firstname', 'givenname', 'forename', 'fname', 'vorname', 'prenom', 'nombre') || w.seq('first', 'name') || w.seq('given', 'name')],
  ['last-name', (w) => w.joinedIn('lastname', 'surname', 'familyname', 'lname', 'nachname', 'apellido', 'maidenname') || w.seq('last', 'name') || w.seq('family', 'name')],
  ['full-name', (w) => w.joinedIn('fullname', 'displayname', 'contactname', 'customername', 'realname', 'personname', 'cardholder', 'cardholdername', 'holdername', 'recipientname', 'billingname', 'shippingname', 'accountholder')],
  ['username', (w) => w.joinedIn('username', 'login', 'loginname', 'nickname', 'nicename', 'screenname', 'handle', 'benutzername')],
  ['iban', (w) => w.any('iban')],
  ['card', (w) => w.joinedIn('creditcard', 'creditcardnumber', 'cardnumber', 'cardno', 'ccnumber', 'ccnum', 'cc', 'pan') || (w.has('card') && w.any('number', 'no', 'num'))],
  ['national-id', (w) => w.any('ssn', 'sin', 'nin', 'tin', 'passport', 'nationalid', 'taxid', 'vatid', 'socialsecurity', 'socialsecuritynumber', 'driverlicense', 'driverslicense', 'licensenumber', 'personnummer', 'steuernummer', 'last4') || w.joinedIn('taxnumber', 'idnumber', 'accountnumber', 'bankaccount', 'personalnumber', 'socialsecuritynumber')],
  ['street-address', (w) => w.any('address', 'addresses', 'addr', 'street', 'strasse', 'adresse', 'direccion', 'addressline', 'addressline1', 'addressline2', 'address1', 'address2') || w.joinedHas('address')],
  ['city', (w) => w.any('city', 'town', 'ort', 'stadt', 'ville', 'ciudad')],
  ['zip', (w) => w.any('zip', 'zipcode', 'postcode', 'postalcode', 'plz', 'postal')],
  ['secret', (w) => w.any('password', 'passwd', 'pwd', 'pass', 'passhash', 'passwordhash', 'token', 'tokens', 'secret', 'apikey', 'salt', 'otp', 'totp', 'pin', 'passwort') || w.joinedHas('password') || w.joinedHas('token') || w.joinedIn('apikey', 'accesskey', 'privatekey')],
  ['latitude', (w) => w.any('lat', 'latitude')],
  ['longitude', (w) => w.any('lng', 'lon', 'longitude')],
  ['user-agent', (w) => w.joinedIn('useragent', 'ua')],
  // a person's own web addresses (WordPress user_url, profile links); a bare `url` only in tables of people (below)
  ['url', (w) => w.joinedIn('website', 'homepage', 'userurl', 'personalurl', 'profileurl', 'websiteurl', 'homepageurl', 'blogurl', 'avatarurl', 'photourl', 'linkedin', 'linkedinurl', 'twitterurl', 'facebookurl', 'instagramurl')],
  ['free-text', (w) => w.joinedIn('bio', 'about', 'aboutme', 'note', 'notes', 'comment', 'comments', 'remark', 'remarks', 'message', 'biography')],
];

/** Table words that make a bare `name` column a person's name. */
const PERSON_TABLES = new Set([
  'user', 'users', 'customer', 'customers', 'person', 'persons', 'people', 'contact', 'contacts', 'member', 'members',
  'employee', 'employees', 'client', 'clients', 'patient', 'patients', 'student', 'students', 'author', 'authors',
  'account', 'accounts', 'subscriber', 'subscribers', 'guest', 'guests', 'owner', 'owners', 'recipient', 'recipients',
  'staff', 'driver', 'drivers', 'applicant', 'applicants', 'profile', 'profiles', 'lead', 'leads', 'kontakt', 'kunde',
  'kunden', 'personen', 'teacher', 'teachers', 'buyer', 'buyers', 'seller', 'sellers', 'partner', 'partners',
]);

/** Words that say a column is about the data, not the data (counts, flags, times). */
const META = new Set(['count', 'verified', 'confirmed', 'enabled', 'required', 'status', 'type', 'format', 'changed', 'updated', 'sent', 'valid', 'opt', 'optin', 'hash_algo', 'length', 'len', 'at', 'on', 'is', 'has', 'id', 'ids']);
/** Identifiers that end in `id` and are still personal. */
const PERSONAL_IDS = new Set(['nationalid', 'taxid', 'vatid', 'personalid', 'passportid']);

class Words {
  readonly list: string[];
  readonly joined: string;
  constructor(name: string) {
    this.list = words(name);
    this.joined = this.list.join('');
  }
  has(w: string): boolean {
    return this.list.includes(w);
  }
  any(...ws: string[]): boolean {
    return ws.some((w) => this.list.includes(w) || this.joined === w);
  }
  joinedIn(...ws: string[]): boolean {
    return ws.includes(this.joined) || ws.some((w) => this.list.includes(w));
  }
  joinedHas(w: string): boolean {
    return this.joined.includes(w);
  }
  seq(a: string, b: string): boolean {
    const i = this.list.indexOf(a);
    return i >= 0 && this.list[i + 1] === b;
  }
}

/** `EmailAddress` → [email, address]; `Straße` → [strasse]; `"Phone Number"` → [phone, number]. */
export function words(name: string): string[] {
  return name
    .replace(/([a-z0-9])([A-Z])/g, '$1 $2')
    .replace(/([A-Z]+)([A-Z][a-z])/g, '$1 $2')
    .replace(/ß/g, 'ss')
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .split(/[^a-z0-9]+/)
    .filter((w) => w.length > 0);
}

/** A PII suspicion from a column's name (and its table's name, for a bare `name`), or undefined. */
export function piiByName(column: string, type?: ColumnType, table?: TableRef): PiiGuess | undefined {
  const w = new Words(column);
  if (w.list.length === 0) return undefined;
  const last = w.list[w.list.length - 1];
  if ((META.has(last) && !PERSONAL_IDS.has(w.joined)) || w.list[0] === 'is' || w.list[0] === 'has') return undefined;
  if (type?.kind === 'boolean') return undefined;
  for (const [kind, test] of BY_NAME) {
    if (test(w) && plausibleFor(kind, type)) return { kind, by: 'name', reason: `the column name "${column}" suggests ${describeKind(kind)}` };
  }
  if (/^(line|street|address)[1-4]?$/.test(w.joined) && table && words(table.name).some((t) => t.startsWith('address')) && plausibleFor('street-address', type)) {
    return { kind: 'street-address', by: 'name', reason: `a "${column}" column in the table "${table.name}" suggests street addresses` };
  }
  if ((w.joined === 'name' || w.joined === 'names') && table && words(table.name).some((t) => PERSON_TABLES.has(t)) && plausibleFor('full-name', type)) {
    return { kind: 'full-name', by: 'name', reason: `a "${column}" column in the table "${table.name}" suggests people's names` };
  }
  if (w.joined === 'url' && table && words(table.name).some((t) => PERSON_TABLES.has(t)) && plausibleFor('url', type)) {
    return { kind: 'url', by: 'name', reason: `a "${column}" column in the table "${table.name}" suggests people's own web addresses` };
  }
  return undefined;
}

/** A JSON key's PII kind by its name (`$.user.email` → email). */
export function piiKindOfKey(key: string): PiiKind | undefined {
  const w = new Words(key);
  if (w.list.length === 0) return undefined;
  if (META.has(w.list[w.list.length - 1]) && !PERSONAL_IDS.has(w.joined)) return undefined;
  for (const [kind, test] of BY_NAME) if (test(w)) return kind;
  return undefined;
}

export function describeKind(kind: PiiKind): string {
  switch (kind) {
    case 'email': return 'email addresses';
    case 'phone': return 'phone numbers';
    case 'first-name': return 'first names';
    case 'last-name': return 'last names';
    case 'full-name': return "people's names";
    case 'username': return 'user names';
    case 'street-address': return 'street addresses';
    case 'city': return 'cities';
    case 'zip': return 'postal codes';
    case 'national-id': return 'identity or account numbers';
    case 'iban': return 'IBANs';
    case 'card': return 'payment card numbers';
    case 'ip': return 'IP addresses';
    case 'mac': return 'MAC addresses';
    case 'birth-date': return 'dates of birth';
    case 'secret': return 'secrets (passwords, tokens)';
    case 'latitude': return 'latitudes';
    case 'longitude': return 'longitudes';
    case 'user-agent': return 'browser user agents';
    case 'url': return "people's own web addresses";
    case 'free-text': return 'free text written by people';
    case 'json': return 'JSON documents with personal data';
  }
}
