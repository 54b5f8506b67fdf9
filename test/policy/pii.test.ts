import { describe, expect, it } from 'vitest';
import { piiByName, piiKindOfKey, words } from '../../src/policy/pii-names.js';
import { ibanValid, kindOfValue, luhn, ValueProfile } from '../../src/policy/pii-values.js';

describe('PII by column name', () => {
  it.each([
    ['email', 'email'],
    ['EmailAddress', 'email'],
    ['E-Mail', 'email'],
    ['contact_email', 'email'],
    ['phone', 'phone'],
    ['Phone Number', 'phone'],
    ['mobile', 'phone'],
    ['first_name', 'first-name'],
    ['FirstName', 'first-name'],
    ['Vorname', 'first-name'],
    ['surname', 'last-name'],
    ['Full Name', 'full-name'],
    ['card_holder', 'full-name'],
    ['username', 'username'],
    ['shipping_address', 'street-address'],
    ['Straße', 'street-address'],
    ['ip_address', 'ip'],
    ['last_login_ip', 'ip'],
    ['mac_address', 'mac'],
    ['postcode', 'zip'],
    ['zip_code', 'zip'],
    ['ssn', 'national-id'],
    ['tax_id', 'national-id'],
    ['iban', 'iban'],
    ['card_number', 'card'],
    ['date_of_birth', 'birth-date'],
    ['dob', 'birth-date'],
    ['born', 'birth-date'],
    ['password_hash', 'secret'],
    ['api_key', 'secret'],
    ['reset_token', 'secret'],
    ['lat', 'latitude'],
    ['user_agent', 'user-agent'],
    ['user_url', 'url'],
    ['website', 'url'],
    ['linkedin_url', 'url'],
    ['notes', 'free-text'],
  ])('%s → %s', (column, kind) => {
    expect(piiByName(column)?.kind).toBe(kind);
  });

  it.each(['id', 'user_id', 'created_at', 'status', 'sku', 'price_cents', 'quantity', 'email_verified', 'email_count', 'is_phone_public', 'zip_required', 'description', 'total', 'kind'])(
    'leaves %s alone',
    (column) => {
      expect(piiByName(column)).toBeUndefined();
    },
  );

  it('reads the type: a boolean or a timestamp named like PII is not PII', () => {
    expect(piiByName('email', { raw: 'boolean', kind: 'boolean' })).toBeUndefined();
    expect(piiByName('phone', { raw: 'timestamp', kind: 'timestamp' })).toBeUndefined();
    expect(piiByName('phone', { raw: 'bigint', kind: 'integer' })?.kind).toBe('phone');
  });

  it('a bare "name" is a person\'s name only in a table of people', () => {
    expect(piiByName('name', undefined, { name: 'customers' })?.kind).toBe('full-name');
    expect(piiByName('name', undefined, { schema: 'public', name: 'contacts_base' })?.kind).toBe('full-name');
    expect(piiByName('name', undefined, { name: 'products' })).toBeUndefined();
    expect(piiByName('line1', undefined, { name: 'addresses' })?.kind).toBe('street-address');
  });

  it('a bare "url" is a person\'s own web address only in a table of people', () => {
    expect(piiByName('url', undefined, { name: 'wp_users' })?.kind).toBe('url'); // ("wp_users": the words wp, users)
    expect(piiByName('url', undefined, { name: 'members' })?.kind).toBe('url');
    expect(piiByName('url', undefined, { name: 'products' })).toBeUndefined();
    expect(piiByName('image_url', undefined, { name: 'products' })).toBeUndefined();
  });

  it('splits names into words', () => {
    expect(words('EmailAddress')).toEqual(['email', 'address']);
    expect(words('HTTPUserAgent')).toEqual(['http', 'user', 'agent']);
    expect(words('"say ""hi"""')).toEqual(['say', 'hi']);
    expect(piiKindOfKey('phoneNumber')).toBe('phone');
  });
});

describe('PII by value', () => {
  it('Luhn and IBAN mod-97', () => {
    expect(luhn('4111111111111111')).toBe(true);
    expect(luhn('4111111111111112')).toBe(false);
    expect(ibanValid('DE89370400440532013000')).toBe(true);
    expect(ibanValid('DE89370400440532013001')).toBe(false);
    expect(ibanValid('GB82WEST12345698765432')).toBe(true);
  });

  it.each([
    ['jane.doe@example.com', 'email'],
    ['ünï@exämple.test', 'email'],
    ['+44 20 7946 0101', 'phone'],
    ['(415) 555-0132', 'phone'],
    ['4111 1111 1111 1111', 'card'],
    ['5500-0000-0000-0004', 'card'],
    ['DE89 3704 0044 0532 0130 00', 'iban'],
    ['192.168.1.20', 'ip'],
    ['2001:db8::ff00:42:8329', 'ip'],
    ['00:1A:2B:3C:4D:5E', 'mac'],
    ['1984-07-12', 'birth-date'],
  ])('%s looks like %s', (value, kind) => {
    expect(kindOfValue(value, 2026)).toBe(kind);
  });

  it.each(['42', '12.50', '2024-03-01', '2024-03-01 10:00:00+00', 'SKU-0001', 'hello world', '4111111111111112', '0000-00-00', '1234567'])('%s is not personal', (value) => {
    expect(kindOfValue(value, 2026)).toBeUndefined();
  });

  it('a column profile needs most values to agree, and a few for weak patterns', () => {
    const emails = new ValueProfile();
    for (let i = 0; i < 10; i++) emails.add(i < 7 ? `u${i}@x.io` : 'n/a');
    expect(emails.guess()).toMatchObject({ kind: 'email', by: 'values' });
    expect(emails.guess()?.reason).toBe('7 of 10 sampled values are email addresses');
    const mixed = new ValueProfile();
    for (let i = 0; i < 10; i++) mixed.add(i < 3 ? `u${i}@x.io` : `word ${i}`);
    expect(mixed.guess()).toBeUndefined();
    const twoPhones = new ValueProfile();
    twoPhones.add('+1 555 0100');
    twoPhones.add('+1 555 0101');
    expect(twoPhones.guess()).toBeUndefined();
  });

  it('free text that carries emails or phone numbers is flagged', () => {
    const notes = new ValueProfile();
    for (let i = 0; i < 20; i++) notes.add(i === 3 ? 'please call me on +44 20 7946 0101 after six' : `a note number ${i}`);
    expect(notes.guess()?.kind).toBe('free-text');
  });

  it('finds the personal paths of JSON documents, by key and by value', () => {
    const p = new ValueProfile();
    for (let i = 0; i < 5; i++) {
      p.add(JSON.stringify({ id: i, user: { mail: `u${i}@x.io`, name: 'Ann', phone: '+1 555 010' + i }, ua: 'curl/8', tags: ['a'], meta: { ip: '10.0.0.' + i }, 'odd key': `z${i}@y.io` }));
    }
    const paths = Object.fromEntries(p.jsonPaths().map((g) => [g.path, g.kind]));
    expect(paths).toEqual({
      '$.user.mail': 'email',
      '$.user.name': 'full-name',
      '$.user.phone': 'phone',
      '$.ua': 'user-agent',
      '$.meta.ip': 'ip',
      '$["odd key"]': 'email',
    });
    expect(p.guess()?.kind).toBe('json');
  });
});
