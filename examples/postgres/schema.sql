-- A typical e-commerce schema with a little data, for the example rules next to it.
-- Dump it with: createdb shop && psql -d shop -f schema.sql && pg_dump shop > shop.sql
SET client_encoding = 'UTF8';

CREATE TABLE public.customers (
    id bigserial PRIMARY KEY,
    email text NOT NULL UNIQUE,
    first_name text,
    last_name text,
    phone text,
    date_of_birth date,
    password_hash text NOT NULL,
    marketing_opt_in boolean NOT NULL DEFAULT false,
    created_at timestamptz NOT NULL
);

CREATE TABLE public.addresses (
    id bigserial PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES public.customers (id),
    kind text NOT NULL CHECK (kind IN ('billing', 'shipping')),
    line1 text NOT NULL,
    line2 text,
    city text NOT NULL,
    postal_code text,
    country character(2) NOT NULL
);

CREATE TABLE public.products (
    id serial PRIMARY KEY,
    sku text NOT NULL UNIQUE,
    name text NOT NULL,
    description text,
    price_cents integer NOT NULL,
    stock integer NOT NULL DEFAULT 0
);

CREATE TABLE public.orders (
    id bigserial PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES public.customers (id),
    status text NOT NULL,
    shipping_address_id bigint REFERENCES public.addresses (id),
    contact_email text,
    total_cents integer NOT NULL,
    currency character(3) NOT NULL DEFAULT 'EUR',
    customer_note text,
    ip_address inet,
    placed_at timestamptz NOT NULL
);

CREATE TABLE public.order_items (
    order_id bigint NOT NULL REFERENCES public.orders (id),
    product_id integer NOT NULL REFERENCES public.products (id),
    quantity integer NOT NULL,
    unit_price_cents integer NOT NULL,
    PRIMARY KEY (order_id, product_id)
);

CREATE TABLE public.payments (
    id bigserial PRIMARY KEY,
    order_id bigint NOT NULL REFERENCES public.orders (id),
    provider text NOT NULL,
    card_number text,
    card_holder text,
    iban text,
    amount_cents integer NOT NULL,
    paid_at timestamptz
);

CREATE TABLE public.reviews (
    id bigserial PRIMARY KEY,
    product_id integer NOT NULL REFERENCES public.products (id),
    customer_id bigint NOT NULL REFERENCES public.customers (id),
    rating smallint NOT NULL,
    body text,
    created_at timestamptz NOT NULL
);

CREATE TABLE public.sessions (
    id uuid PRIMARY KEY,
    customer_id bigint NOT NULL REFERENCES public.customers (id),
    token text NOT NULL,
    user_agent text,
    ip inet,
    expires_at timestamptz NOT NULL
);

CREATE TABLE public.audit_log (
    id bigserial PRIMARY KEY,
    customer_id bigint,
    event text NOT NULL,
    details jsonb,
    at timestamptz NOT NULL
);

-- Shop settings (key-value): the site URL, the search cluster, the payment key and the jobs switch
-- are what makes a staging copy talk to production; rules.json rewrites them per row with `switch`.
CREATE TABLE public.settings (
    name text PRIMARY KEY,
    value text,
    updated_at timestamptz NOT NULL
);

INSERT INTO public.customers (email, first_name, last_name, phone, date_of_birth, password_hash, marketing_opt_in, created_at)
SELECT 'customer' || i || '@mail.example',
       (ARRAY['Ada', 'Grace', 'Linus', 'Margaret', 'Ken'])[1 + i % 5],
       (ARRAY['Lovelace', 'Hopper', 'Torvalds', 'Hamilton', 'Thompson'])[1 + i % 5],
       '+44 20 7946 ' || lpad((100 + i)::text, 4, '0'),
       date '1960-01-01' + (i * 397) % 15000,
       '$2b$12$' || md5('pw' || i),
       i % 3 = 0,
       timestamptz '2023-01-01 00:00+00' + i * interval '17 hours'
FROM generate_series(1, 40) AS i;

INSERT INTO public.addresses (customer_id, kind, line1, line2, city, postal_code, country)
SELECT 1 + i % 40, (ARRAY['billing', 'shipping'])[1 + i % 2], i || ' High Street', CASE WHEN i % 4 = 0 THEN 'Flat ' || i END,
       (ARRAY['London', 'Leeds', 'York'])[1 + i % 3], 'N' || (i % 9) || ' ' || (i % 7) || 'AB', 'GB'
FROM generate_series(1, 60) AS i;

INSERT INTO public.products (sku, name, description, price_cents, stock)
SELECT 'SKU-' || lpad(i::text, 4, '0'), 'Product ' || i, 'A fine product, number ' || i, 500 + i * 125, i * 3
FROM generate_series(1, 15) AS i;

INSERT INTO public.orders (customer_id, status, shipping_address_id, contact_email, total_cents, customer_note, ip_address, placed_at)
SELECT 1 + i % 40, (ARRAY['paid', 'shipped', 'cancelled'])[1 + i % 3], 1 + i % 60, 'customer' || (1 + i % 40) || '@mail.example',
       1000 + i * 37, CASE WHEN i % 5 = 0 THEN 'Call me on +44 20 7946 0' || lpad(i::text, 3, '0') || ' before delivery' END,
       ('192.0.2.' || (i % 250))::inet, timestamptz '2024-01-01 00:00+00' + i * interval '5 hours'
FROM generate_series(1, 80) AS i;

INSERT INTO public.order_items (order_id, product_id, quantity, unit_price_cents)
SELECT o, 1 + (o + p * 7) % 15, 1 + p, 500 + p * 125 FROM generate_series(1, 80) AS o, generate_series(1, 2) AS p;

INSERT INTO public.payments (order_id, provider, card_number, card_holder, iban, amount_cents, paid_at)
SELECT i, (ARRAY['card', 'sepa'])[1 + i % 2],
       CASE WHEN i % 2 = 0 THEN '4111 1111 1111 1111' END,
       CASE WHEN i % 2 = 0 THEN 'Ada Lovelace' END,
       CASE WHEN i % 2 = 1 THEN 'DE89 3704 0044 0532 0130 00' END,
       1000 + i * 37, timestamptz '2024-01-01 01:00+00' + i * interval '5 hours'
FROM generate_series(1, 80) AS i;

INSERT INTO public.reviews (product_id, customer_id, rating, body, created_at)
SELECT 1 + i % 15, 1 + i % 40, 1 + i % 5, 'Review ' || i || ': works as described.', timestamptz '2024-02-01 00:00+00' + i * interval '1 day'
FROM generate_series(1, 30) AS i;

INSERT INTO public.sessions (id, customer_id, token, user_agent, ip, expires_at)
SELECT md5('session' || i)::uuid, 1 + i % 40, md5('token' || i), 'Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0',
       ('198.51.100.' || i)::inet, timestamptz '2024-06-01 00:00+00' + i * interval '1 hour'
FROM generate_series(1, 25) AS i;

INSERT INTO public.audit_log (customer_id, event, details, at)
SELECT 1 + i % 40, 'login', jsonb_build_object('ip', '203.0.113.' || i, 'email', 'customer' || (1 + i % 40) || '@mail.example'),
       timestamptz '2024-03-01 00:00+00' + i * interval '3 hours'
FROM generate_series(1, 50) AS i;

INSERT INTO public.settings (name, value, updated_at) VALUES
 ('base_url', 'https://shop.example', timestamptz '2024-01-01 00:00+00'),
 ('search.host', 'https://search-prod.shop.example:9200', timestamptz '2024-01-01 00:00+00'),
 ('payments.api_key', 'sk_live_4eC39HqLyjWDarjtT1zdp7dc', timestamptz '2024-01-01 00:00+00'),
 ('mail.support_address', 'support@shop.example', timestamptz '2024-01-01 00:00+00'),
 ('jobs.enabled', 'true', timestamptz '2024-01-01 00:00+00'),
 ('shop.name', 'Example Shop', timestamptz '2024-01-01 00:00+00'),
 ('shop.currency', 'EUR', timestamptz '2024-01-01 00:00+00');
