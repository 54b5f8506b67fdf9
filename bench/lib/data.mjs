// Logical (unescaped) value pools for the bench generator. Everything here is plain JS strings;
// dialect encoding happens in dialects.mjs. Pools are built once per run from a seeded PRNG.

export const FIRST_NAMES = [
  'James', 'Mary', 'Robert', 'Patricia', 'John', 'Jennifer', 'Michael', 'Linda', 'David', 'Elizabeth',
  'William', 'Barbara', 'Richard', 'Susan', 'Joseph', 'Jessica', 'Thomas', 'Sarah', 'Charles', 'Karen',
  'Christopher', 'Lisa', 'Daniel', 'Nancy', 'Matthew', 'Betty', 'Anthony', 'Margaret', 'Mark', 'Sandra',
  'Zoë', 'José', 'Renée', 'Chloé', 'Søren', 'Björn', 'Łukasz', 'Anaïs', 'Đorđe', 'Ángel',
  'François', 'Jürgen', 'Siobhán', 'Noël', 'Inès', 'Mañuel', 'Håkon', 'Ólafur', 'Çağla', 'Eléonore',
  "D'Andre", "O'Shea", 'Mary-Jane', 'Jean-Luc', 'Ana María', 'Li', 'Wei', 'Yuki', 'Hiroshi', 'Priya',
  'Arjun', 'Fatima', 'Omar', 'Aisha', 'Mohammed', 'Olga', 'Dmitri', 'Ivan', 'Sofia', 'Lucas',
  'Emma', 'Noah', 'Olivia', 'Liam', 'Ava', 'Mia', 'Ethan', 'Amelia', 'Harper', 'Evelyn',
  '陽翔', '美咲', 'Алексей', 'Наталья', 'Κώστας', 'Nguyễn', 'Thảo', 'Kwame', 'Ngozi', 'Tane',
];

export const LAST_NAMES = [
  'Smith', 'Johnson', 'Williams', 'Brown', 'Jones', 'Garcia', 'Miller', 'Davis', 'Rodriguez', 'Martinez',
  'Hernandez', 'Lopez', 'Gonzalez', 'Wilson', 'Anderson', 'Thomas', 'Taylor', 'Moore', 'Jackson', 'Martin',
  "O'Brien", "O'Connor", "D'Angelo", "McDonald", "MacLeod", 'Müller', 'Schröder', 'Groß', 'Weiß', 'Dvořák',
  'García', 'Núñez', 'Peña', 'Fernández', 'Sánchez', 'Čapek', 'Kowalski', 'Wiśniewski', 'Nowak', 'Øberg',
  'van der Berg', 'de la Cruz', 'Smith-Jones', 'Al-Farsi', 'Ben Ali', 'St. John', 'Le Blanc', 'Ó Súilleabháin',
  'Tanaka', 'Suzuki', 'Sato', 'Kim', 'Lee', 'Park', 'Chen', 'Wang', 'Zhang', 'Liu', 'Singh', 'Patel',
  'Kumar', 'Ivanov', 'Petrov', 'Novák', 'Horváth', 'Nagy', 'Rossi', 'Russo', 'Ferrari', 'Bianchi',
  '佐藤', '李', 'Иванов', 'Παπαδόπουλος', 'Nguyễn', 'Trần', 'Okafor', 'Mensah', 'Haddad', 'Cohen',
];

export const DOMAINS = [
  'example.com', 'example.org', 'example.net', 'mail.example.com', 'corp.example', 'acme.test',
  'gmail.test', 'yahoo.test', 'outlook.test', 'proton.test', 'fastmail.test', 'web.de.test',
];

export const CITIES = [
  ['Zürich', '8001', 'Switzerland'], ['Berlin', '10115', 'Germany'], ['München', '80331', 'Germany'],
  ['Paris', '75001', 'France'], ['Lyon', '69001', 'France'], ['London', 'SW1A 1AA', 'United Kingdom'],
  ['New York', '10001', 'United States'], ['San Francisco', '94103', 'United States'],
  ['Austin', '73301', 'United States'], ['Toronto', 'M5H 2N2', 'Canada'], ['Montréal', 'H2Y 1C6', 'Canada'],
  ['São Paulo', '01000-000', 'Brasil'], ['México', '06000', 'México'], ['Kraków', '30-001', 'Polska'],
  ['Praha', '110 00', 'Česko'], ['Wien', '1010', 'Österreich'], ['København', '1050', 'Danmark'],
  ['Reykjavík', '101', 'Ísland'], ['İstanbul', '34000', 'Türkiye'], ['Athens', '105 52', 'Ελλάδα'],
  ['東京', '100-0001', '日本'], ['大阪', '530-0001', '日本'], ['Москва', '101000', 'Россия'],
  ['Sydney', '2000', 'Australia'], ['Auckland', '1010', 'New Zealand'], ['Cape Town', '8001', 'South Africa'],
  ["L'Aquila", '67100', 'Italia'], ['Dublin', 'D02 X285', 'Ireland'], ['Hà Nội', '100000', 'Việt Nam'],
];

export const STREETS = [
  'Main', 'Oak', 'Pine', 'Maple', 'Cedar', 'Elm', 'Washington', 'Lake', 'Hill', 'Bahnhofstrasse',
  'Rue de Rivoli', 'Königsallee', 'Calle Mayor', 'Via Roma', 'High', 'Station', "King's", "Queen's",
  'Église', 'Šumavská', 'Łąkowa', 'Ōdōri', 'Church', 'Mill', 'Park', 'Sunset', 'River', 'Broadway',
];
const STREET_SUFFIX = ['St', 'Street', 'Ave', 'Road', 'Rd', 'Blvd', 'Lane', 'Way', 'Platz', ''];

export const WORDS = (
  'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore ' +
  'et dolore magna aliqua enim ad minim veniam quis nostrud exercitation ullamco laboris nisi aliquip ' +
  'ex ea commodo consequat duis aute irure in reprehenderit voluptate velit esse cillum fugiat nulla ' +
  'pariatur excepteur sint occaecat cupidatat non proident sunt culpa qui officia deserunt mollit anim ' +
  'id est laborum coffee hiking climbing photography travel music jazz cooking gardening chess data ' +
  'engineer designer teacher nurse founder runner reader parent developer manager student'
).split(' ');

const SPICE = [
  "it's", "don't", "l'été", '"quoted"', 'C:\\Users\\me', 'regex \\d+', 'tab\there', 'café', 'naïve',
  'Straße', '東京', 'Привет', 'ελληνικά', '😀', '🎉', '👍🏽', '🇨🇭', 'emoji 🚀 rocket', '50% off', 'a\\b',
  '<b>bold</b>', 'x = y & z', '#hashtag', '@mention', '¯\\_(ツ)_/¯', 'back\\slash', 'semi;colon', 'com,ma',
];

export const ACTIONS = [
  'login', 'logout', 'password_change', 'profile_update', 'order_created', 'order_paid',
  'order_refunded', 'export', 'api_call', 'email_verified', '2fa_enabled', 'session_expired',
];

export const USER_AGENTS = [
  'Mozilla/5.0 (X11; Linux x86_64; rv:128.0) Gecko/20100101 Firefox/128.0',
  'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/126.0 Safari/537.36',
  'Mozilla/5.0 (iPhone; CPU iPhone OS 17_5 like Mac OS X) AppleWebKit/605.1.15 Mobile/15E148',
  'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_5) AppleWebKit/605.1.15 Version/17.5 Safari/605.1.15',
  'curl/8.5.0', 'python-requests/2.32.3', 'okhttp/4.12.0',
];

const PRODUCT_ADJ = ['Deluxe', 'Classic', 'Ultra', 'Mini', 'Pro', 'Eco', 'Smart', 'Vintage', 'Rugged', 'Premium'];
const PRODUCT_NOUN = ['Widget', 'Gadget', 'Kettle', 'Backpack', 'Lamp', 'Headphones', 'Chair', 'Mug', 'Blender',
  'Notebook', 'Charger', 'Sneakers', 'Jacket', 'Monitor', 'Keyboard', 'Tent'];
const PRODUCT_EXTRA = ['', '', '', ' 2.0', ' XL', ' (Refurbished)', ' 15" Screen', " Kid's Edition", ' – Edition ünïcode',
  ' "Limited"', ' 3/4\\"'];

/** ASCII slug for email local parts: strip diacritics, keep [a-z0-9]. */
export function slug(s) {
  const t = s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/[^a-z0-9]/g, '');
  return t === '' ? 'user' : t;
}

function sentence(rng, minWords, maxWords) {
  const n = minWords + rng.int(maxWords - minWords + 1);
  let s = '';
  for (let i = 0; i < n; i++) s += (i ? ' ' : '') + rng.pick(WORDS);
  return s.charAt(0).toUpperCase() + s.slice(1) + '.';
}

/** Free text with occasional tabs, newlines, CRLF, quotes, backslashes, unicode and emoji. */
export function freeText(rng, minWords, maxWords) {
  let s = sentence(rng, minWords, maxWords);
  const r = rng.next() / 4294967296;
  if (r < 0.10) s += '\n' + sentence(rng, 2, 8);
  else if (r < 0.13) s += '\r\n' + sentence(rng, 2, 6);
  else if (r < 0.17) s += '\t' + sentence(rng, 1, 4);
  if (rng.chance(0.25)) s += ' ' + rng.pick(SPICE);
  if (rng.chance(0.05)) s += '\n\n-- ' + rng.pick(SPICE);
  return s;
}

/** Builds all pools (logical values) from one PRNG. Pool sizes are powers of two. */
export function buildPools(rng) {
  const addresses = [];
  for (let i = 0; i < 2048; i++) {
    const [city, zip, country] = rng.pick(CITIES);
    let street = `${1 + rng.int(2500)} ${rng.pick(STREETS)} ${rng.pick(STREET_SUFFIX)}`.trimEnd();
    if (rng.chance(0.15)) street += `, Apt ${1 + rng.int(40)}${'ABCD'[rng.int(4)]}`;
    if (rng.chance(0.03)) street += ', Flat 3 "B"';
    if (rng.chance(0.02)) street += ' c/o \\\\fileserver';
    addresses.push({ street, city, zip, country });
  }
  const bios = [];
  for (let i = 0; i < 4096; i++) bios.push(freeText(rng, 4, 28));
  const notes = [];
  for (let i = 0; i < 1024; i++) notes.push(freeText(rng, 2, 12));
  const descriptions = [];
  for (let i = 0; i < 1024; i++) descriptions.push(freeText(rng, 12, 40));
  const productNames = [];
  for (let i = 0; i < 512; i++) {
    productNames.push(`${rng.pick(PRODUCT_ADJ)} ${rng.pick(PRODUCT_NOUN)}${rng.pick(PRODUCT_EXTRA)}`);
  }
  const birthDates = [];
  const start = Date.UTC(1940, 0, 1);
  for (let i = 0; i < 4096; i++) {
    birthDates.push(new Date(start + rng.int(66 * 365) * 86400000).toISOString().slice(0, 10));
  }
  return { addresses, bios, notes, descriptions, productNames, birthDates };
}
