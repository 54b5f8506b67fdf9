--
-- PostgreSQL database dump
--

\restrict QrDIA8gr7AqRZd0XtEzt7GNW5IMLN1YaQG7SRa5BX2IkIrU1pEg5dqXxFdaLlpi

-- Dumped from database version 15.20 (Debian 15.20-0+deb12u1)
-- Dumped by pg_dump version 15.20 (Debian 15.20-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: addresses; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.addresses (
    id bigint NOT NULL,
    customer_id bigint NOT NULL,
    kind text NOT NULL,
    line1 text NOT NULL,
    line2 text,
    city text NOT NULL,
    postal_code text,
    country character(2) NOT NULL,
    CONSTRAINT addresses_kind_check CHECK ((kind = ANY (ARRAY['billing'::text, 'shipping'::text])))
);


--
-- Name: addresses_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.addresses_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: addresses_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.addresses_id_seq OWNED BY public.addresses.id;


--
-- Name: audit_log; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.audit_log (
    id bigint NOT NULL,
    customer_id bigint,
    event text NOT NULL,
    details jsonb,
    at timestamp with time zone NOT NULL
);


--
-- Name: audit_log_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.audit_log_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: audit_log_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.audit_log_id_seq OWNED BY public.audit_log.id;


--
-- Name: customers; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.customers (
    id bigint NOT NULL,
    email text NOT NULL,
    first_name text,
    last_name text,
    phone text,
    date_of_birth date,
    password_hash text NOT NULL,
    marketing_opt_in boolean DEFAULT false NOT NULL,
    created_at timestamp with time zone NOT NULL
);


--
-- Name: customers_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.customers_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: customers_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.customers_id_seq OWNED BY public.customers.id;


--
-- Name: order_items; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.order_items (
    order_id bigint NOT NULL,
    product_id integer NOT NULL,
    quantity integer NOT NULL,
    unit_price_cents integer NOT NULL
);


--
-- Name: orders; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.orders (
    id bigint NOT NULL,
    customer_id bigint NOT NULL,
    status text NOT NULL,
    shipping_address_id bigint,
    contact_email text,
    total_cents integer NOT NULL,
    currency character(3) DEFAULT 'EUR'::bpchar NOT NULL,
    customer_note text,
    ip_address inet,
    placed_at timestamp with time zone NOT NULL
);


--
-- Name: orders_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.orders_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: orders_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.orders_id_seq OWNED BY public.orders.id;


--
-- Name: payments; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.payments (
    id bigint NOT NULL,
    order_id bigint NOT NULL,
    provider text NOT NULL,
    card_number text,
    card_holder text,
    iban text,
    amount_cents integer NOT NULL,
    paid_at timestamp with time zone
);


--
-- Name: payments_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.payments_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: payments_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.payments_id_seq OWNED BY public.payments.id;


--
-- Name: products; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.products (
    id integer NOT NULL,
    sku text NOT NULL,
    name text NOT NULL,
    description text,
    price_cents integer NOT NULL,
    stock integer DEFAULT 0 NOT NULL
);


--
-- Name: products_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.products_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: products_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.products_id_seq OWNED BY public.products.id;


--
-- Name: reviews; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.reviews (
    id bigint NOT NULL,
    product_id integer NOT NULL,
    customer_id bigint NOT NULL,
    rating smallint NOT NULL,
    body text,
    created_at timestamp with time zone NOT NULL
);


--
-- Name: reviews_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.reviews_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: reviews_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.reviews_id_seq OWNED BY public.reviews.id;


--
-- Name: sessions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.sessions (
    id uuid NOT NULL,
    customer_id bigint NOT NULL,
    token text NOT NULL,
    user_agent text,
    ip inet,
    expires_at timestamp with time zone NOT NULL
);


--
-- Name: settings; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.settings (
    name text NOT NULL,
    value text,
    updated_at timestamp with time zone NOT NULL
);


--
-- Name: addresses id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.addresses ALTER COLUMN id SET DEFAULT nextval('public.addresses_id_seq'::regclass);


--
-- Name: audit_log id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_log ALTER COLUMN id SET DEFAULT nextval('public.audit_log_id_seq'::regclass);


--
-- Name: customers id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.customers ALTER COLUMN id SET DEFAULT nextval('public.customers_id_seq'::regclass);


--
-- Name: orders id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.orders ALTER COLUMN id SET DEFAULT nextval('public.orders_id_seq'::regclass);


--
-- Name: payments id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payments ALTER COLUMN id SET DEFAULT nextval('public.payments_id_seq'::regclass);


--
-- Name: products id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.products ALTER COLUMN id SET DEFAULT nextval('public.products_id_seq'::regclass);


--
-- Name: reviews id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reviews ALTER COLUMN id SET DEFAULT nextval('public.reviews_id_seq'::regclass);


--
-- Data for Name: addresses; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.addresses (id, customer_id, kind, line1, line2, city, postal_code, country) FROM stdin;
1	2	shipping	1 High Street	\N	Leeds	N1 1AB	GB
2	3	billing	2 High Street	\N	York	N2 2AB	GB
3	4	shipping	3 High Street	\N	London	N3 3AB	GB
4	5	billing	4 High Street	Flat 4	Leeds	N4 4AB	GB
5	6	shipping	5 High Street	\N	York	N5 5AB	GB
6	7	billing	6 High Street	\N	London	N6 6AB	GB
7	8	shipping	7 High Street	\N	Leeds	N7 0AB	GB
8	9	billing	8 High Street	Flat 8	York	N8 1AB	GB
9	10	shipping	9 High Street	\N	London	N0 2AB	GB
10	11	billing	10 High Street	\N	Leeds	N1 3AB	GB
11	12	shipping	11 High Street	\N	York	N2 4AB	GB
12	13	billing	12 High Street	Flat 12	London	N3 5AB	GB
13	14	shipping	13 High Street	\N	Leeds	N4 6AB	GB
14	15	billing	14 High Street	\N	York	N5 0AB	GB
15	16	shipping	15 High Street	\N	London	N6 1AB	GB
16	17	billing	16 High Street	Flat 16	Leeds	N7 2AB	GB
17	18	shipping	17 High Street	\N	York	N8 3AB	GB
18	19	billing	18 High Street	\N	London	N0 4AB	GB
19	20	shipping	19 High Street	\N	Leeds	N1 5AB	GB
20	21	billing	20 High Street	Flat 20	York	N2 6AB	GB
21	22	shipping	21 High Street	\N	London	N3 0AB	GB
22	23	billing	22 High Street	\N	Leeds	N4 1AB	GB
23	24	shipping	23 High Street	\N	York	N5 2AB	GB
24	25	billing	24 High Street	Flat 24	London	N6 3AB	GB
25	26	shipping	25 High Street	\N	Leeds	N7 4AB	GB
26	27	billing	26 High Street	\N	York	N8 5AB	GB
27	28	shipping	27 High Street	\N	London	N0 6AB	GB
28	29	billing	28 High Street	Flat 28	Leeds	N1 0AB	GB
29	30	shipping	29 High Street	\N	York	N2 1AB	GB
30	31	billing	30 High Street	\N	London	N3 2AB	GB
31	32	shipping	31 High Street	\N	Leeds	N4 3AB	GB
32	33	billing	32 High Street	Flat 32	York	N5 4AB	GB
33	34	shipping	33 High Street	\N	London	N6 5AB	GB
34	35	billing	34 High Street	\N	Leeds	N7 6AB	GB
35	36	shipping	35 High Street	\N	York	N8 0AB	GB
36	37	billing	36 High Street	Flat 36	London	N0 1AB	GB
37	38	shipping	37 High Street	\N	Leeds	N1 2AB	GB
38	39	billing	38 High Street	\N	York	N2 3AB	GB
39	40	shipping	39 High Street	\N	London	N3 4AB	GB
40	1	billing	40 High Street	Flat 40	Leeds	N4 5AB	GB
41	2	shipping	41 High Street	\N	York	N5 6AB	GB
42	3	billing	42 High Street	\N	London	N6 0AB	GB
43	4	shipping	43 High Street	\N	Leeds	N7 1AB	GB
44	5	billing	44 High Street	Flat 44	York	N8 2AB	GB
45	6	shipping	45 High Street	\N	London	N0 3AB	GB
46	7	billing	46 High Street	\N	Leeds	N1 4AB	GB
47	8	shipping	47 High Street	\N	York	N2 5AB	GB
48	9	billing	48 High Street	Flat 48	London	N3 6AB	GB
49	10	shipping	49 High Street	\N	Leeds	N4 0AB	GB
50	11	billing	50 High Street	\N	York	N5 1AB	GB
51	12	shipping	51 High Street	\N	London	N6 2AB	GB
52	13	billing	52 High Street	Flat 52	Leeds	N7 3AB	GB
53	14	shipping	53 High Street	\N	York	N8 4AB	GB
54	15	billing	54 High Street	\N	London	N0 5AB	GB
55	16	shipping	55 High Street	\N	Leeds	N1 6AB	GB
56	17	billing	56 High Street	Flat 56	York	N2 0AB	GB
57	18	shipping	57 High Street	\N	London	N3 1AB	GB
58	19	billing	58 High Street	\N	Leeds	N4 2AB	GB
59	20	shipping	59 High Street	\N	York	N5 3AB	GB
60	21	billing	60 High Street	Flat 60	London	N6 4AB	GB
\.


--
-- Data for Name: audit_log; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.audit_log (id, customer_id, event, details, at) FROM stdin;
1	2	login	{"ip": "203.0.113.1", "email": "customer2@mail.example"}	2024-03-01 03:00:00+00
2	3	login	{"ip": "203.0.113.2", "email": "customer3@mail.example"}	2024-03-01 06:00:00+00
3	4	login	{"ip": "203.0.113.3", "email": "customer4@mail.example"}	2024-03-01 09:00:00+00
4	5	login	{"ip": "203.0.113.4", "email": "customer5@mail.example"}	2024-03-01 12:00:00+00
5	6	login	{"ip": "203.0.113.5", "email": "customer6@mail.example"}	2024-03-01 15:00:00+00
6	7	login	{"ip": "203.0.113.6", "email": "customer7@mail.example"}	2024-03-01 18:00:00+00
7	8	login	{"ip": "203.0.113.7", "email": "customer8@mail.example"}	2024-03-01 21:00:00+00
8	9	login	{"ip": "203.0.113.8", "email": "customer9@mail.example"}	2024-03-02 00:00:00+00
9	10	login	{"ip": "203.0.113.9", "email": "customer10@mail.example"}	2024-03-02 03:00:00+00
10	11	login	{"ip": "203.0.113.10", "email": "customer11@mail.example"}	2024-03-02 06:00:00+00
11	12	login	{"ip": "203.0.113.11", "email": "customer12@mail.example"}	2024-03-02 09:00:00+00
12	13	login	{"ip": "203.0.113.12", "email": "customer13@mail.example"}	2024-03-02 12:00:00+00
13	14	login	{"ip": "203.0.113.13", "email": "customer14@mail.example"}	2024-03-02 15:00:00+00
14	15	login	{"ip": "203.0.113.14", "email": "customer15@mail.example"}	2024-03-02 18:00:00+00
15	16	login	{"ip": "203.0.113.15", "email": "customer16@mail.example"}	2024-03-02 21:00:00+00
16	17	login	{"ip": "203.0.113.16", "email": "customer17@mail.example"}	2024-03-03 00:00:00+00
17	18	login	{"ip": "203.0.113.17", "email": "customer18@mail.example"}	2024-03-03 03:00:00+00
18	19	login	{"ip": "203.0.113.18", "email": "customer19@mail.example"}	2024-03-03 06:00:00+00
19	20	login	{"ip": "203.0.113.19", "email": "customer20@mail.example"}	2024-03-03 09:00:00+00
20	21	login	{"ip": "203.0.113.20", "email": "customer21@mail.example"}	2024-03-03 12:00:00+00
21	22	login	{"ip": "203.0.113.21", "email": "customer22@mail.example"}	2024-03-03 15:00:00+00
22	23	login	{"ip": "203.0.113.22", "email": "customer23@mail.example"}	2024-03-03 18:00:00+00
23	24	login	{"ip": "203.0.113.23", "email": "customer24@mail.example"}	2024-03-03 21:00:00+00
24	25	login	{"ip": "203.0.113.24", "email": "customer25@mail.example"}	2024-03-04 00:00:00+00
25	26	login	{"ip": "203.0.113.25", "email": "customer26@mail.example"}	2024-03-04 03:00:00+00
26	27	login	{"ip": "203.0.113.26", "email": "customer27@mail.example"}	2024-03-04 06:00:00+00
27	28	login	{"ip": "203.0.113.27", "email": "customer28@mail.example"}	2024-03-04 09:00:00+00
28	29	login	{"ip": "203.0.113.28", "email": "customer29@mail.example"}	2024-03-04 12:00:00+00
29	30	login	{"ip": "203.0.113.29", "email": "customer30@mail.example"}	2024-03-04 15:00:00+00
30	31	login	{"ip": "203.0.113.30", "email": "customer31@mail.example"}	2024-03-04 18:00:00+00
31	32	login	{"ip": "203.0.113.31", "email": "customer32@mail.example"}	2024-03-04 21:00:00+00
32	33	login	{"ip": "203.0.113.32", "email": "customer33@mail.example"}	2024-03-05 00:00:00+00
33	34	login	{"ip": "203.0.113.33", "email": "customer34@mail.example"}	2024-03-05 03:00:00+00
34	35	login	{"ip": "203.0.113.34", "email": "customer35@mail.example"}	2024-03-05 06:00:00+00
35	36	login	{"ip": "203.0.113.35", "email": "customer36@mail.example"}	2024-03-05 09:00:00+00
36	37	login	{"ip": "203.0.113.36", "email": "customer37@mail.example"}	2024-03-05 12:00:00+00
37	38	login	{"ip": "203.0.113.37", "email": "customer38@mail.example"}	2024-03-05 15:00:00+00
38	39	login	{"ip": "203.0.113.38", "email": "customer39@mail.example"}	2024-03-05 18:00:00+00
39	40	login	{"ip": "203.0.113.39", "email": "customer40@mail.example"}	2024-03-05 21:00:00+00
40	1	login	{"ip": "203.0.113.40", "email": "customer1@mail.example"}	2024-03-06 00:00:00+00
41	2	login	{"ip": "203.0.113.41", "email": "customer2@mail.example"}	2024-03-06 03:00:00+00
42	3	login	{"ip": "203.0.113.42", "email": "customer3@mail.example"}	2024-03-06 06:00:00+00
43	4	login	{"ip": "203.0.113.43", "email": "customer4@mail.example"}	2024-03-06 09:00:00+00
44	5	login	{"ip": "203.0.113.44", "email": "customer5@mail.example"}	2024-03-06 12:00:00+00
45	6	login	{"ip": "203.0.113.45", "email": "customer6@mail.example"}	2024-03-06 15:00:00+00
46	7	login	{"ip": "203.0.113.46", "email": "customer7@mail.example"}	2024-03-06 18:00:00+00
47	8	login	{"ip": "203.0.113.47", "email": "customer8@mail.example"}	2024-03-06 21:00:00+00
48	9	login	{"ip": "203.0.113.48", "email": "customer9@mail.example"}	2024-03-07 00:00:00+00
49	10	login	{"ip": "203.0.113.49", "email": "customer10@mail.example"}	2024-03-07 03:00:00+00
50	11	login	{"ip": "203.0.113.50", "email": "customer11@mail.example"}	2024-03-07 06:00:00+00
\.


--
-- Data for Name: customers; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.customers (id, email, first_name, last_name, phone, date_of_birth, password_hash, marketing_opt_in, created_at) FROM stdin;
1	customer1@mail.example	Grace	Hopper	+44 20 7946 0101	1961-02-01	$2b$12$6e6fdf956d04289354dcf1619e28fe77	f	2023-01-01 17:00:00+00
2	customer2@mail.example	Linus	Torvalds	+44 20 7946 0102	1962-03-05	$2b$12$6d5779b9b85bd4f11e44c9772e0de602	f	2023-01-02 10:00:00+00
3	customer3@mail.example	Margaret	Hamilton	+44 20 7946 0103	1963-04-06	$2b$12$de1774aac52706b13a39a08ad3ca7dfe	t	2023-01-03 03:00:00+00
4	customer4@mail.example	Ken	Thompson	+44 20 7946 0104	1964-05-07	$2b$12$94406f55920a2c6a7c9b68e4bbe41fb8	f	2023-01-03 20:00:00+00
5	customer5@mail.example	Ada	Lovelace	+44 20 7946 0105	1965-06-08	$2b$12$5802b867241e0c83cbda61ec986dea0d	f	2023-01-04 13:00:00+00
6	customer6@mail.example	Grace	Hopper	+44 20 7946 0106	1966-07-10	$2b$12$a25359ea6e40de0d523cd27b4e47a635	t	2023-01-05 06:00:00+00
7	customer7@mail.example	Linus	Torvalds	+44 20 7946 0107	1967-08-11	$2b$12$fa73ef60e7e1adb5c227eedc9bec3244	f	2023-01-05 23:00:00+00
8	customer8@mail.example	Margaret	Hamilton	+44 20 7946 0108	1968-09-11	$2b$12$3182f4288ec5053e679ca2025bfb56eb	f	2023-01-06 16:00:00+00
9	customer9@mail.example	Ken	Thompson	+44 20 7946 0109	1969-10-13	$2b$12$159df4fecfdaf332c4293dfcac7063b7	t	2023-01-07 09:00:00+00
10	customer10@mail.example	Ada	Lovelace	+44 20 7946 0110	1970-11-14	$2b$12$436f267dfa2dce83e192c2132530dd70	f	2023-01-08 02:00:00+00
11	customer11@mail.example	Grace	Hopper	+44 20 7946 0111	1971-12-16	$2b$12$8b7f89be0bd7050edfde2b53fd6d5653	f	2023-01-08 19:00:00+00
12	customer12@mail.example	Linus	Torvalds	+44 20 7946 0112	1973-01-16	$2b$12$75536a4fcef42df4aaa464950ef957d2	t	2023-01-09 12:00:00+00
13	customer13@mail.example	Margaret	Hamilton	+44 20 7946 0113	1974-02-17	$2b$12$4364ed99cddb7c4e269145986d6de815	f	2023-01-10 05:00:00+00
14	customer14@mail.example	Ken	Thompson	+44 20 7946 0114	1975-03-21	$2b$12$5d0aa2671c12eca82dbfaa48d8bfe609	f	2023-01-10 22:00:00+00
15	customer15@mail.example	Ada	Lovelace	+44 20 7946 0115	1976-04-21	$2b$12$9a69a7c09034c8941a4241f272f8eb98	t	2023-01-11 15:00:00+00
16	customer16@mail.example	Grace	Hopper	+44 20 7946 0116	1977-05-23	$2b$12$433d76c104b8044f9154a60f4fa9da2b	f	2023-01-12 08:00:00+00
17	customer17@mail.example	Linus	Torvalds	+44 20 7946 0117	1978-06-24	$2b$12$14eeddbc63a8346fe8ab70bfec492ff0	f	2023-01-13 01:00:00+00
18	customer18@mail.example	Margaret	Hamilton	+44 20 7946 0118	1979-07-26	$2b$12$d500f2e02a3321f8ac80d62937da1355	t	2023-01-13 18:00:00+00
19	customer19@mail.example	Ken	Thompson	+44 20 7946 0119	1980-08-26	$2b$12$addef596128251330cb322da77cfc676	f	2023-01-14 11:00:00+00
20	customer20@mail.example	Ada	Lovelace	+44 20 7946 0120	1981-09-27	$2b$12$70cf5a6ec0776b4f700be1c5f83a7b3b	f	2023-01-15 04:00:00+00
21	customer21@mail.example	Grace	Hopper	+44 20 7946 0121	1982-10-29	$2b$12$067490e2d67398cb6a014115b08f8f3c	t	2023-01-15 21:00:00+00
22	customer22@mail.example	Linus	Torvalds	+44 20 7946 0122	1983-11-30	$2b$12$e7e0f1f70b667d5af30f711f9d1ebc4b	f	2023-01-16 14:00:00+00
23	customer23@mail.example	Margaret	Hamilton	+44 20 7946 0123	1984-12-31	$2b$12$3f77c31a927f46ae8b6b36f5356af288	f	2023-01-17 07:00:00+00
24	customer24@mail.example	Ken	Thompson	+44 20 7946 0124	1986-02-01	$2b$12$f1989646013b7a98cb7464d18a9ad36f	t	2023-01-18 00:00:00+00
25	customer25@mail.example	Ada	Lovelace	+44 20 7946 0125	1987-03-05	$2b$12$25527c7e9d8d3bcff12d2e7a043ef5b1	f	2023-01-18 17:00:00+00
26	customer26@mail.example	Grace	Hopper	+44 20 7946 0126	1988-04-05	$2b$12$3ecd2993a83efd8fb600f18dc03a6033	f	2023-01-19 10:00:00+00
27	customer27@mail.example	Linus	Torvalds	+44 20 7946 0127	1989-05-07	$2b$12$e3f88e98f262ffb863953cae347cb131	t	2023-01-20 03:00:00+00
28	customer28@mail.example	Margaret	Hamilton	+44 20 7946 0128	1990-06-08	$2b$12$e0d7af606ef45333b5dff986962139ff	f	2023-01-20 20:00:00+00
29	customer29@mail.example	Ken	Thompson	+44 20 7946 0129	1991-07-10	$2b$12$6885a49dfb7996da6be17193eebd89fb	f	2023-01-21 13:00:00+00
30	customer30@mail.example	Ada	Lovelace	+44 20 7946 0130	1992-08-10	$2b$12$93e53156f5e5b613086ada7dc6ef9920	t	2023-01-22 06:00:00+00
31	customer31@mail.example	Grace	Hopper	+44 20 7946 0131	1993-09-11	$2b$12$53d72bf291a577457277e82c64fc249a	f	2023-01-22 23:00:00+00
32	customer32@mail.example	Linus	Torvalds	+44 20 7946 0132	1994-10-13	$2b$12$010d4c50b030a4e0f78396ce77b8f006	f	2023-01-23 16:00:00+00
33	customer33@mail.example	Margaret	Hamilton	+44 20 7946 0133	1995-11-14	$2b$12$1bf48bcb38ec14cddbb19ecbbac73f38	t	2023-01-24 09:00:00+00
34	customer34@mail.example	Ken	Thompson	+44 20 7946 0134	1996-12-15	$2b$12$31451b80e2e048afc3e0cfbb2cf148d4	f	2023-01-25 02:00:00+00
35	customer35@mail.example	Ada	Lovelace	+44 20 7946 0135	1998-01-16	$2b$12$eade58f7f3e8a1e2840e72c430be4f7b	f	2023-01-25 19:00:00+00
36	customer36@mail.example	Grace	Hopper	+44 20 7946 0136	1999-02-17	$2b$12$246fd411243d527fba6f32aac88313f5	t	2023-01-26 12:00:00+00
37	customer37@mail.example	Linus	Torvalds	+44 20 7946 0137	2000-03-20	$2b$12$ec0e9deff1c56d76619607ce3dd53648	f	2023-01-27 05:00:00+00
38	customer38@mail.example	Margaret	Hamilton	+44 20 7946 0138	1960-03-27	$2b$12$ea896238f9de16f7d237d043ef101741	f	2023-01-27 22:00:00+00
39	customer39@mail.example	Ken	Thompson	+44 20 7946 0139	1961-04-28	$2b$12$770b90e13d75ef2deaf7a21d10aaa539	t	2023-01-28 15:00:00+00
40	customer40@mail.example	Ada	Lovelace	+44 20 7946 0140	1962-05-30	$2b$12$0a45e1c0d168103007c2cd78e0826852	f	2023-01-29 08:00:00+00
\.


--
-- Data for Name: order_items; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.order_items (order_id, product_id, quantity, unit_price_cents) FROM stdin;
1	9	2	625
2	10	2	625
3	11	2	625
4	12	2	625
5	13	2	625
6	14	2	625
7	15	2	625
8	1	2	625
9	2	2	625
10	3	2	625
11	4	2	625
12	5	2	625
13	6	2	625
14	7	2	625
15	8	2	625
16	9	2	625
17	10	2	625
18	11	2	625
19	12	2	625
20	13	2	625
21	14	2	625
22	15	2	625
23	1	2	625
24	2	2	625
25	3	2	625
26	4	2	625
27	5	2	625
28	6	2	625
29	7	2	625
30	8	2	625
31	9	2	625
32	10	2	625
33	11	2	625
34	12	2	625
35	13	2	625
36	14	2	625
37	15	2	625
38	1	2	625
39	2	2	625
40	3	2	625
41	4	2	625
42	5	2	625
43	6	2	625
44	7	2	625
45	8	2	625
46	9	2	625
47	10	2	625
48	11	2	625
49	12	2	625
50	13	2	625
51	14	2	625
52	15	2	625
53	1	2	625
54	2	2	625
55	3	2	625
56	4	2	625
57	5	2	625
58	6	2	625
59	7	2	625
60	8	2	625
61	9	2	625
62	10	2	625
63	11	2	625
64	12	2	625
65	13	2	625
66	14	2	625
67	15	2	625
68	1	2	625
69	2	2	625
70	3	2	625
71	4	2	625
72	5	2	625
73	6	2	625
74	7	2	625
75	8	2	625
76	9	2	625
77	10	2	625
78	11	2	625
79	12	2	625
80	13	2	625
1	1	3	750
2	2	3	750
3	3	3	750
4	4	3	750
5	5	3	750
6	6	3	750
7	7	3	750
8	8	3	750
9	9	3	750
10	10	3	750
11	11	3	750
12	12	3	750
13	13	3	750
14	14	3	750
15	15	3	750
16	1	3	750
17	2	3	750
18	3	3	750
19	4	3	750
20	5	3	750
21	6	3	750
22	7	3	750
23	8	3	750
24	9	3	750
25	10	3	750
26	11	3	750
27	12	3	750
28	13	3	750
29	14	3	750
30	15	3	750
31	1	3	750
32	2	3	750
33	3	3	750
34	4	3	750
35	5	3	750
36	6	3	750
37	7	3	750
38	8	3	750
39	9	3	750
40	10	3	750
41	11	3	750
42	12	3	750
43	13	3	750
44	14	3	750
45	15	3	750
46	1	3	750
47	2	3	750
48	3	3	750
49	4	3	750
50	5	3	750
51	6	3	750
52	7	3	750
53	8	3	750
54	9	3	750
55	10	3	750
56	11	3	750
57	12	3	750
58	13	3	750
59	14	3	750
60	15	3	750
61	1	3	750
62	2	3	750
63	3	3	750
64	4	3	750
65	5	3	750
66	6	3	750
67	7	3	750
68	8	3	750
69	9	3	750
70	10	3	750
71	11	3	750
72	12	3	750
73	13	3	750
74	14	3	750
75	15	3	750
76	1	3	750
77	2	3	750
78	3	3	750
79	4	3	750
80	5	3	750
\.


--
-- Data for Name: orders; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.orders (id, customer_id, status, shipping_address_id, contact_email, total_cents, currency, customer_note, ip_address, placed_at) FROM stdin;
1	2	shipped	2	customer2@mail.example	1037	EUR	\N	192.0.2.1	2024-01-01 05:00:00+00
2	3	cancelled	3	customer3@mail.example	1074	EUR	\N	192.0.2.2	2024-01-01 10:00:00+00
3	4	paid	4	customer4@mail.example	1111	EUR	\N	192.0.2.3	2024-01-01 15:00:00+00
4	5	shipped	5	customer5@mail.example	1148	EUR	\N	192.0.2.4	2024-01-01 20:00:00+00
5	6	cancelled	6	customer6@mail.example	1185	EUR	Call me on +44 20 7946 0005 before delivery	192.0.2.5	2024-01-02 01:00:00+00
6	7	paid	7	customer7@mail.example	1222	EUR	\N	192.0.2.6	2024-01-02 06:00:00+00
7	8	shipped	8	customer8@mail.example	1259	EUR	\N	192.0.2.7	2024-01-02 11:00:00+00
8	9	cancelled	9	customer9@mail.example	1296	EUR	\N	192.0.2.8	2024-01-02 16:00:00+00
9	10	paid	10	customer10@mail.example	1333	EUR	\N	192.0.2.9	2024-01-02 21:00:00+00
10	11	shipped	11	customer11@mail.example	1370	EUR	Call me on +44 20 7946 0010 before delivery	192.0.2.10	2024-01-03 02:00:00+00
11	12	cancelled	12	customer12@mail.example	1407	EUR	\N	192.0.2.11	2024-01-03 07:00:00+00
12	13	paid	13	customer13@mail.example	1444	EUR	\N	192.0.2.12	2024-01-03 12:00:00+00
13	14	shipped	14	customer14@mail.example	1481	EUR	\N	192.0.2.13	2024-01-03 17:00:00+00
14	15	cancelled	15	customer15@mail.example	1518	EUR	\N	192.0.2.14	2024-01-03 22:00:00+00
15	16	paid	16	customer16@mail.example	1555	EUR	Call me on +44 20 7946 0015 before delivery	192.0.2.15	2024-01-04 03:00:00+00
16	17	shipped	17	customer17@mail.example	1592	EUR	\N	192.0.2.16	2024-01-04 08:00:00+00
17	18	cancelled	18	customer18@mail.example	1629	EUR	\N	192.0.2.17	2024-01-04 13:00:00+00
18	19	paid	19	customer19@mail.example	1666	EUR	\N	192.0.2.18	2024-01-04 18:00:00+00
19	20	shipped	20	customer20@mail.example	1703	EUR	\N	192.0.2.19	2024-01-04 23:00:00+00
20	21	cancelled	21	customer21@mail.example	1740	EUR	Call me on +44 20 7946 0020 before delivery	192.0.2.20	2024-01-05 04:00:00+00
21	22	paid	22	customer22@mail.example	1777	EUR	\N	192.0.2.21	2024-01-05 09:00:00+00
22	23	shipped	23	customer23@mail.example	1814	EUR	\N	192.0.2.22	2024-01-05 14:00:00+00
23	24	cancelled	24	customer24@mail.example	1851	EUR	\N	192.0.2.23	2024-01-05 19:00:00+00
24	25	paid	25	customer25@mail.example	1888	EUR	\N	192.0.2.24	2024-01-06 00:00:00+00
25	26	shipped	26	customer26@mail.example	1925	EUR	Call me on +44 20 7946 0025 before delivery	192.0.2.25	2024-01-06 05:00:00+00
26	27	cancelled	27	customer27@mail.example	1962	EUR	\N	192.0.2.26	2024-01-06 10:00:00+00
27	28	paid	28	customer28@mail.example	1999	EUR	\N	192.0.2.27	2024-01-06 15:00:00+00
28	29	shipped	29	customer29@mail.example	2036	EUR	\N	192.0.2.28	2024-01-06 20:00:00+00
29	30	cancelled	30	customer30@mail.example	2073	EUR	\N	192.0.2.29	2024-01-07 01:00:00+00
30	31	paid	31	customer31@mail.example	2110	EUR	Call me on +44 20 7946 0030 before delivery	192.0.2.30	2024-01-07 06:00:00+00
31	32	shipped	32	customer32@mail.example	2147	EUR	\N	192.0.2.31	2024-01-07 11:00:00+00
32	33	cancelled	33	customer33@mail.example	2184	EUR	\N	192.0.2.32	2024-01-07 16:00:00+00
33	34	paid	34	customer34@mail.example	2221	EUR	\N	192.0.2.33	2024-01-07 21:00:00+00
34	35	shipped	35	customer35@mail.example	2258	EUR	\N	192.0.2.34	2024-01-08 02:00:00+00
35	36	cancelled	36	customer36@mail.example	2295	EUR	Call me on +44 20 7946 0035 before delivery	192.0.2.35	2024-01-08 07:00:00+00
36	37	paid	37	customer37@mail.example	2332	EUR	\N	192.0.2.36	2024-01-08 12:00:00+00
37	38	shipped	38	customer38@mail.example	2369	EUR	\N	192.0.2.37	2024-01-08 17:00:00+00
38	39	cancelled	39	customer39@mail.example	2406	EUR	\N	192.0.2.38	2024-01-08 22:00:00+00
39	40	paid	40	customer40@mail.example	2443	EUR	\N	192.0.2.39	2024-01-09 03:00:00+00
40	1	shipped	41	customer1@mail.example	2480	EUR	Call me on +44 20 7946 0040 before delivery	192.0.2.40	2024-01-09 08:00:00+00
41	2	cancelled	42	customer2@mail.example	2517	EUR	\N	192.0.2.41	2024-01-09 13:00:00+00
42	3	paid	43	customer3@mail.example	2554	EUR	\N	192.0.2.42	2024-01-09 18:00:00+00
43	4	shipped	44	customer4@mail.example	2591	EUR	\N	192.0.2.43	2024-01-09 23:00:00+00
44	5	cancelled	45	customer5@mail.example	2628	EUR	\N	192.0.2.44	2024-01-10 04:00:00+00
45	6	paid	46	customer6@mail.example	2665	EUR	Call me on +44 20 7946 0045 before delivery	192.0.2.45	2024-01-10 09:00:00+00
46	7	shipped	47	customer7@mail.example	2702	EUR	\N	192.0.2.46	2024-01-10 14:00:00+00
47	8	cancelled	48	customer8@mail.example	2739	EUR	\N	192.0.2.47	2024-01-10 19:00:00+00
48	9	paid	49	customer9@mail.example	2776	EUR	\N	192.0.2.48	2024-01-11 00:00:00+00
49	10	shipped	50	customer10@mail.example	2813	EUR	\N	192.0.2.49	2024-01-11 05:00:00+00
50	11	cancelled	51	customer11@mail.example	2850	EUR	Call me on +44 20 7946 0050 before delivery	192.0.2.50	2024-01-11 10:00:00+00
51	12	paid	52	customer12@mail.example	2887	EUR	\N	192.0.2.51	2024-01-11 15:00:00+00
52	13	shipped	53	customer13@mail.example	2924	EUR	\N	192.0.2.52	2024-01-11 20:00:00+00
53	14	cancelled	54	customer14@mail.example	2961	EUR	\N	192.0.2.53	2024-01-12 01:00:00+00
54	15	paid	55	customer15@mail.example	2998	EUR	\N	192.0.2.54	2024-01-12 06:00:00+00
55	16	shipped	56	customer16@mail.example	3035	EUR	Call me on +44 20 7946 0055 before delivery	192.0.2.55	2024-01-12 11:00:00+00
56	17	cancelled	57	customer17@mail.example	3072	EUR	\N	192.0.2.56	2024-01-12 16:00:00+00
57	18	paid	58	customer18@mail.example	3109	EUR	\N	192.0.2.57	2024-01-12 21:00:00+00
58	19	shipped	59	customer19@mail.example	3146	EUR	\N	192.0.2.58	2024-01-13 02:00:00+00
59	20	cancelled	60	customer20@mail.example	3183	EUR	\N	192.0.2.59	2024-01-13 07:00:00+00
60	21	paid	1	customer21@mail.example	3220	EUR	Call me on +44 20 7946 0060 before delivery	192.0.2.60	2024-01-13 12:00:00+00
61	22	shipped	2	customer22@mail.example	3257	EUR	\N	192.0.2.61	2024-01-13 17:00:00+00
62	23	cancelled	3	customer23@mail.example	3294	EUR	\N	192.0.2.62	2024-01-13 22:00:00+00
63	24	paid	4	customer24@mail.example	3331	EUR	\N	192.0.2.63	2024-01-14 03:00:00+00
64	25	shipped	5	customer25@mail.example	3368	EUR	\N	192.0.2.64	2024-01-14 08:00:00+00
65	26	cancelled	6	customer26@mail.example	3405	EUR	Call me on +44 20 7946 0065 before delivery	192.0.2.65	2024-01-14 13:00:00+00
66	27	paid	7	customer27@mail.example	3442	EUR	\N	192.0.2.66	2024-01-14 18:00:00+00
67	28	shipped	8	customer28@mail.example	3479	EUR	\N	192.0.2.67	2024-01-14 23:00:00+00
68	29	cancelled	9	customer29@mail.example	3516	EUR	\N	192.0.2.68	2024-01-15 04:00:00+00
69	30	paid	10	customer30@mail.example	3553	EUR	\N	192.0.2.69	2024-01-15 09:00:00+00
70	31	shipped	11	customer31@mail.example	3590	EUR	Call me on +44 20 7946 0070 before delivery	192.0.2.70	2024-01-15 14:00:00+00
71	32	cancelled	12	customer32@mail.example	3627	EUR	\N	192.0.2.71	2024-01-15 19:00:00+00
72	33	paid	13	customer33@mail.example	3664	EUR	\N	192.0.2.72	2024-01-16 00:00:00+00
73	34	shipped	14	customer34@mail.example	3701	EUR	\N	192.0.2.73	2024-01-16 05:00:00+00
74	35	cancelled	15	customer35@mail.example	3738	EUR	\N	192.0.2.74	2024-01-16 10:00:00+00
75	36	paid	16	customer36@mail.example	3775	EUR	Call me on +44 20 7946 0075 before delivery	192.0.2.75	2024-01-16 15:00:00+00
76	37	shipped	17	customer37@mail.example	3812	EUR	\N	192.0.2.76	2024-01-16 20:00:00+00
77	38	cancelled	18	customer38@mail.example	3849	EUR	\N	192.0.2.77	2024-01-17 01:00:00+00
78	39	paid	19	customer39@mail.example	3886	EUR	\N	192.0.2.78	2024-01-17 06:00:00+00
79	40	shipped	20	customer40@mail.example	3923	EUR	\N	192.0.2.79	2024-01-17 11:00:00+00
80	1	cancelled	21	customer1@mail.example	3960	EUR	Call me on +44 20 7946 0080 before delivery	192.0.2.80	2024-01-17 16:00:00+00
\.


--
-- Data for Name: payments; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.payments (id, order_id, provider, card_number, card_holder, iban, amount_cents, paid_at) FROM stdin;
1	1	sepa	\N	\N	DE89 3704 0044 0532 0130 00	1037	2024-01-01 06:00:00+00
2	2	card	4111 1111 1111 1111	Ada Lovelace	\N	1074	2024-01-01 11:00:00+00
3	3	sepa	\N	\N	DE89 3704 0044 0532 0130 00	1111	2024-01-01 16:00:00+00
4	4	card	4111 1111 1111 1111	Ada Lovelace	\N	1148	2024-01-01 21:00:00+00
5	5	sepa	\N	\N	DE89 3704 0044 0532 0130 00	1185	2024-01-02 02:00:00+00
6	6	card	4111 1111 1111 1111	Ada Lovelace	\N	1222	2024-01-02 07:00:00+00
7	7	sepa	\N	\N	DE89 3704 0044 0532 0130 00	1259	2024-01-02 12:00:00+00
8	8	card	4111 1111 1111 1111	Ada Lovelace	\N	1296	2024-01-02 17:00:00+00
9	9	sepa	\N	\N	DE89 3704 0044 0532 0130 00	1333	2024-01-02 22:00:00+00
10	10	card	4111 1111 1111 1111	Ada Lovelace	\N	1370	2024-01-03 03:00:00+00
11	11	sepa	\N	\N	DE89 3704 0044 0532 0130 00	1407	2024-01-03 08:00:00+00
12	12	card	4111 1111 1111 1111	Ada Lovelace	\N	1444	2024-01-03 13:00:00+00
13	13	sepa	\N	\N	DE89 3704 0044 0532 0130 00	1481	2024-01-03 18:00:00+00
14	14	card	4111 1111 1111 1111	Ada Lovelace	\N	1518	2024-01-03 23:00:00+00
15	15	sepa	\N	\N	DE89 3704 0044 0532 0130 00	1555	2024-01-04 04:00:00+00
16	16	card	4111 1111 1111 1111	Ada Lovelace	\N	1592	2024-01-04 09:00:00+00
17	17	sepa	\N	\N	DE89 3704 0044 0532 0130 00	1629	2024-01-04 14:00:00+00
18	18	card	4111 1111 1111 1111	Ada Lovelace	\N	1666	2024-01-04 19:00:00+00
19	19	sepa	\N	\N	DE89 3704 0044 0532 0130 00	1703	2024-01-05 00:00:00+00
20	20	card	4111 1111 1111 1111	Ada Lovelace	\N	1740	2024-01-05 05:00:00+00
21	21	sepa	\N	\N	DE89 3704 0044 0532 0130 00	1777	2024-01-05 10:00:00+00
22	22	card	4111 1111 1111 1111	Ada Lovelace	\N	1814	2024-01-05 15:00:00+00
23	23	sepa	\N	\N	DE89 3704 0044 0532 0130 00	1851	2024-01-05 20:00:00+00
24	24	card	4111 1111 1111 1111	Ada Lovelace	\N	1888	2024-01-06 01:00:00+00
25	25	sepa	\N	\N	DE89 3704 0044 0532 0130 00	1925	2024-01-06 06:00:00+00
26	26	card	4111 1111 1111 1111	Ada Lovelace	\N	1962	2024-01-06 11:00:00+00
27	27	sepa	\N	\N	DE89 3704 0044 0532 0130 00	1999	2024-01-06 16:00:00+00
28	28	card	4111 1111 1111 1111	Ada Lovelace	\N	2036	2024-01-06 21:00:00+00
29	29	sepa	\N	\N	DE89 3704 0044 0532 0130 00	2073	2024-01-07 02:00:00+00
30	30	card	4111 1111 1111 1111	Ada Lovelace	\N	2110	2024-01-07 07:00:00+00
31	31	sepa	\N	\N	DE89 3704 0044 0532 0130 00	2147	2024-01-07 12:00:00+00
32	32	card	4111 1111 1111 1111	Ada Lovelace	\N	2184	2024-01-07 17:00:00+00
33	33	sepa	\N	\N	DE89 3704 0044 0532 0130 00	2221	2024-01-07 22:00:00+00
34	34	card	4111 1111 1111 1111	Ada Lovelace	\N	2258	2024-01-08 03:00:00+00
35	35	sepa	\N	\N	DE89 3704 0044 0532 0130 00	2295	2024-01-08 08:00:00+00
36	36	card	4111 1111 1111 1111	Ada Lovelace	\N	2332	2024-01-08 13:00:00+00
37	37	sepa	\N	\N	DE89 3704 0044 0532 0130 00	2369	2024-01-08 18:00:00+00
38	38	card	4111 1111 1111 1111	Ada Lovelace	\N	2406	2024-01-08 23:00:00+00
39	39	sepa	\N	\N	DE89 3704 0044 0532 0130 00	2443	2024-01-09 04:00:00+00
40	40	card	4111 1111 1111 1111	Ada Lovelace	\N	2480	2024-01-09 09:00:00+00
41	41	sepa	\N	\N	DE89 3704 0044 0532 0130 00	2517	2024-01-09 14:00:00+00
42	42	card	4111 1111 1111 1111	Ada Lovelace	\N	2554	2024-01-09 19:00:00+00
43	43	sepa	\N	\N	DE89 3704 0044 0532 0130 00	2591	2024-01-10 00:00:00+00
44	44	card	4111 1111 1111 1111	Ada Lovelace	\N	2628	2024-01-10 05:00:00+00
45	45	sepa	\N	\N	DE89 3704 0044 0532 0130 00	2665	2024-01-10 10:00:00+00
46	46	card	4111 1111 1111 1111	Ada Lovelace	\N	2702	2024-01-10 15:00:00+00
47	47	sepa	\N	\N	DE89 3704 0044 0532 0130 00	2739	2024-01-10 20:00:00+00
48	48	card	4111 1111 1111 1111	Ada Lovelace	\N	2776	2024-01-11 01:00:00+00
49	49	sepa	\N	\N	DE89 3704 0044 0532 0130 00	2813	2024-01-11 06:00:00+00
50	50	card	4111 1111 1111 1111	Ada Lovelace	\N	2850	2024-01-11 11:00:00+00
51	51	sepa	\N	\N	DE89 3704 0044 0532 0130 00	2887	2024-01-11 16:00:00+00
52	52	card	4111 1111 1111 1111	Ada Lovelace	\N	2924	2024-01-11 21:00:00+00
53	53	sepa	\N	\N	DE89 3704 0044 0532 0130 00	2961	2024-01-12 02:00:00+00
54	54	card	4111 1111 1111 1111	Ada Lovelace	\N	2998	2024-01-12 07:00:00+00
55	55	sepa	\N	\N	DE89 3704 0044 0532 0130 00	3035	2024-01-12 12:00:00+00
56	56	card	4111 1111 1111 1111	Ada Lovelace	\N	3072	2024-01-12 17:00:00+00
57	57	sepa	\N	\N	DE89 3704 0044 0532 0130 00	3109	2024-01-12 22:00:00+00
58	58	card	4111 1111 1111 1111	Ada Lovelace	\N	3146	2024-01-13 03:00:00+00
59	59	sepa	\N	\N	DE89 3704 0044 0532 0130 00	3183	2024-01-13 08:00:00+00
60	60	card	4111 1111 1111 1111	Ada Lovelace	\N	3220	2024-01-13 13:00:00+00
61	61	sepa	\N	\N	DE89 3704 0044 0532 0130 00	3257	2024-01-13 18:00:00+00
62	62	card	4111 1111 1111 1111	Ada Lovelace	\N	3294	2024-01-13 23:00:00+00
63	63	sepa	\N	\N	DE89 3704 0044 0532 0130 00	3331	2024-01-14 04:00:00+00
64	64	card	4111 1111 1111 1111	Ada Lovelace	\N	3368	2024-01-14 09:00:00+00
65	65	sepa	\N	\N	DE89 3704 0044 0532 0130 00	3405	2024-01-14 14:00:00+00
66	66	card	4111 1111 1111 1111	Ada Lovelace	\N	3442	2024-01-14 19:00:00+00
67	67	sepa	\N	\N	DE89 3704 0044 0532 0130 00	3479	2024-01-15 00:00:00+00
68	68	card	4111 1111 1111 1111	Ada Lovelace	\N	3516	2024-01-15 05:00:00+00
69	69	sepa	\N	\N	DE89 3704 0044 0532 0130 00	3553	2024-01-15 10:00:00+00
70	70	card	4111 1111 1111 1111	Ada Lovelace	\N	3590	2024-01-15 15:00:00+00
71	71	sepa	\N	\N	DE89 3704 0044 0532 0130 00	3627	2024-01-15 20:00:00+00
72	72	card	4111 1111 1111 1111	Ada Lovelace	\N	3664	2024-01-16 01:00:00+00
73	73	sepa	\N	\N	DE89 3704 0044 0532 0130 00	3701	2024-01-16 06:00:00+00
74	74	card	4111 1111 1111 1111	Ada Lovelace	\N	3738	2024-01-16 11:00:00+00
75	75	sepa	\N	\N	DE89 3704 0044 0532 0130 00	3775	2024-01-16 16:00:00+00
76	76	card	4111 1111 1111 1111	Ada Lovelace	\N	3812	2024-01-16 21:00:00+00
77	77	sepa	\N	\N	DE89 3704 0044 0532 0130 00	3849	2024-01-17 02:00:00+00
78	78	card	4111 1111 1111 1111	Ada Lovelace	\N	3886	2024-01-17 07:00:00+00
79	79	sepa	\N	\N	DE89 3704 0044 0532 0130 00	3923	2024-01-17 12:00:00+00
80	80	card	4111 1111 1111 1111	Ada Lovelace	\N	3960	2024-01-17 17:00:00+00
\.


--
-- Data for Name: products; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.products (id, sku, name, description, price_cents, stock) FROM stdin;
1	SKU-0001	Product 1	A fine product, number 1	625	3
2	SKU-0002	Product 2	A fine product, number 2	750	6
3	SKU-0003	Product 3	A fine product, number 3	875	9
4	SKU-0004	Product 4	A fine product, number 4	1000	12
5	SKU-0005	Product 5	A fine product, number 5	1125	15
6	SKU-0006	Product 6	A fine product, number 6	1250	18
7	SKU-0007	Product 7	A fine product, number 7	1375	21
8	SKU-0008	Product 8	A fine product, number 8	1500	24
9	SKU-0009	Product 9	A fine product, number 9	1625	27
10	SKU-0010	Product 10	A fine product, number 10	1750	30
11	SKU-0011	Product 11	A fine product, number 11	1875	33
12	SKU-0012	Product 12	A fine product, number 12	2000	36
13	SKU-0013	Product 13	A fine product, number 13	2125	39
14	SKU-0014	Product 14	A fine product, number 14	2250	42
15	SKU-0015	Product 15	A fine product, number 15	2375	45
\.


--
-- Data for Name: reviews; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.reviews (id, product_id, customer_id, rating, body, created_at) FROM stdin;
1	2	2	2	Review 1: works as described.	2024-02-02 00:00:00+00
2	3	3	3	Review 2: works as described.	2024-02-03 00:00:00+00
3	4	4	4	Review 3: works as described.	2024-02-04 00:00:00+00
4	5	5	5	Review 4: works as described.	2024-02-05 00:00:00+00
5	6	6	1	Review 5: works as described.	2024-02-06 00:00:00+00
6	7	7	2	Review 6: works as described.	2024-02-07 00:00:00+00
7	8	8	3	Review 7: works as described.	2024-02-08 00:00:00+00
8	9	9	4	Review 8: works as described.	2024-02-09 00:00:00+00
9	10	10	5	Review 9: works as described.	2024-02-10 00:00:00+00
10	11	11	1	Review 10: works as described.	2024-02-11 00:00:00+00
11	12	12	2	Review 11: works as described.	2024-02-12 00:00:00+00
12	13	13	3	Review 12: works as described.	2024-02-13 00:00:00+00
13	14	14	4	Review 13: works as described.	2024-02-14 00:00:00+00
14	15	15	5	Review 14: works as described.	2024-02-15 00:00:00+00
15	1	16	1	Review 15: works as described.	2024-02-16 00:00:00+00
16	2	17	2	Review 16: works as described.	2024-02-17 00:00:00+00
17	3	18	3	Review 17: works as described.	2024-02-18 00:00:00+00
18	4	19	4	Review 18: works as described.	2024-02-19 00:00:00+00
19	5	20	5	Review 19: works as described.	2024-02-20 00:00:00+00
20	6	21	1	Review 20: works as described.	2024-02-21 00:00:00+00
21	7	22	2	Review 21: works as described.	2024-02-22 00:00:00+00
22	8	23	3	Review 22: works as described.	2024-02-23 00:00:00+00
23	9	24	4	Review 23: works as described.	2024-02-24 00:00:00+00
24	10	25	5	Review 24: works as described.	2024-02-25 00:00:00+00
25	11	26	1	Review 25: works as described.	2024-02-26 00:00:00+00
26	12	27	2	Review 26: works as described.	2024-02-27 00:00:00+00
27	13	28	3	Review 27: works as described.	2024-02-28 00:00:00+00
28	14	29	4	Review 28: works as described.	2024-02-29 00:00:00+00
29	15	30	5	Review 29: works as described.	2024-03-01 00:00:00+00
30	1	31	1	Review 30: works as described.	2024-03-02 00:00:00+00
\.


--
-- Data for Name: sessions; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.sessions (id, customer_id, token, user_agent, ip, expires_at) FROM stdin;
43fd8287-3104-8cda-3a0a-050b22bed4f3	2	78b1e6d775cec5260001af137a79dbd5	Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0	198.51.100.1	2024-06-01 01:00:00+00
98432f23-b96c-8138-c260-6ef8bebc0a82	3	0e0530c1430da76495955eb06eb99d95	Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0	198.51.100.2	2024-06-01 02:00:00+00
305aee00-730e-2a79-061f-dd7e6f850ca3	4	b959d667c994b9eb7f294367d1f450a2	Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0	198.51.100.3	2024-06-01 03:00:00+00
f1c3d151-ded4-16e4-90e3-7c6595aff182	5	bc50d10a251484f851e07daef2607101	Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0	198.51.100.4	2024-06-01 04:00:00+00
ca0ad65a-dbdf-a0f3-bc5d-d79f2dd5ef90	6	0ac812376ae710ed5f90165b492289d6	Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0	198.51.100.5	2024-06-01 05:00:00+00
cde6fdc8-1049-7995-edc1-1bf01c0e99da	7	5c84e86073fa3eb70895744a00a4f1aa	Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0	198.51.100.6	2024-06-01 06:00:00+00
7d3c8868-abb6-46b7-29f4-6a204aaedef5	8	57d4a665b93639cab2f9624643bcadea	Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0	198.51.100.7	2024-06-01 07:00:00+00
941e10eb-6657-28d7-0e75-b1b7e50a5890	9	70d81e0c091f66da5a57501a0ddf13ea	Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0	198.51.100.8	2024-06-01 08:00:00+00
a9cc4515-3438-c829-7a2a-e45beef4f160	10	8b761b078b27e774ecc943c13d6f3c6d	Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0	198.51.100.9	2024-06-01 09:00:00+00
079e6ab6-3ed4-276d-4f86-79953c0ad845	11	a620290df8dee8458c456baac1a9fbc9	Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0	198.51.100.10	2024-06-01 10:00:00+00
3f5c70f9-e2e9-a46c-0de6-0030d1d76edd	12	33dbb45e693db9af2a24b492a43d8a45	Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0	198.51.100.11	2024-06-01 11:00:00+00
65ecea0a-52ea-654d-3b30-5e6d9f950937	13	9e5c4bb9cd00aa12bb96d11b13b82abe	Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0	198.51.100.12	2024-06-01 12:00:00+00
dbad521b-6d78-35ad-14c7-4584966ac862	14	adf96d6553f6b59fa332b0c7a184afaf	Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0	198.51.100.13	2024-06-01 13:00:00+00
988f3aae-8e02-9675-401f-5f348c1c821a	15	658b933788023bad36fb53e95b2c41c8	Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0	198.51.100.14	2024-06-01 14:00:00+00
1e06a106-028a-f87b-6614-90a3ef824a7b	16	9b7d48cd6b0a04a8027474838b788bfe	Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0	198.51.100.15	2024-06-01 15:00:00+00
062199d2-1658-140e-cb8a-9af704562ddf	17	f2975f23fd0ae3d4008862fb54dec6a9	Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0	198.51.100.16	2024-06-01 16:00:00+00
c082760f-eddf-3697-81ec-918cddda6701	18	fa31dccd0ed507aad8ace3756bc5cb34	Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0	198.51.100.17	2024-06-01 17:00:00+00
788d1f27-fba3-009f-a8ea-445dcea4e7f4	19	ed23544d0617121d895a2354ac3e4041	Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0	198.51.100.18	2024-06-01 18:00:00+00
7fd86db1-bb00-c5f1-3846-a55eb7195041	20	b4aa51d254e6d47fcc561de9dca46848	Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0	198.51.100.19	2024-06-01 19:00:00+00
cd253a6a-4bc5-b121-8350-f0f5ed05d687	21	c204e2d5b6beb0a7b9341bcb939e7266	Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0	198.51.100.20	2024-06-01 20:00:00+00
ec5e990b-7e28-948a-960a-750418f9fd23	22	254c2b1ac5ee155f9a0a4230c5fb2dc4	Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0	198.51.100.21	2024-06-01 21:00:00+00
ce598874-d19d-b8b5-852f-f3bec0b90758	23	4df23753252345220530450e707e2de8	Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0	198.51.100.22	2024-06-01 22:00:00+00
4e98409c-dcae-97d9-4f95-dd8fab3f875e	24	d13a42d5c8b61dcc8a41c135b9e03736	Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0	198.51.100.23	2024-06-01 23:00:00+00
015a6473-2e0c-a4c7-2770-8aa2e67c56df	25	69feba8d6b5b6c6f97de0648ecd695bd	Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0	198.51.100.24	2024-06-02 00:00:00+00
a320a405-b77e-4686-8c9e-276a03c9ddbb	26	3bb2bd71ede9ecb4dc29fd0862088c65	Mozilla/5.0 (X11; Linux x86_64) Firefox/128.0	198.51.100.25	2024-06-02 01:00:00+00
\.


--
-- Data for Name: settings; Type: TABLE DATA; Schema: public; Owner: -
--

COPY public.settings (name, value, updated_at) FROM stdin;
base_url	https://shop.example	2024-01-01 00:00:00+00
search.host	https://search-prod.shop.example:9200	2024-01-01 00:00:00+00
payments.api_key	sk_live_4eC39HqLyjWDarjtT1zdp7dc	2024-01-01 00:00:00+00
mail.support_address	support@shop.example	2024-01-01 00:00:00+00
jobs.enabled	true	2024-01-01 00:00:00+00
shop.name	Example Shop	2024-01-01 00:00:00+00
shop.currency	EUR	2024-01-01 00:00:00+00
\.


--
-- Name: addresses_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.addresses_id_seq', 60, true);


--
-- Name: audit_log_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.audit_log_id_seq', 50, true);


--
-- Name: customers_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.customers_id_seq', 40, true);


--
-- Name: orders_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.orders_id_seq', 80, true);


--
-- Name: payments_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.payments_id_seq', 80, true);


--
-- Name: products_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.products_id_seq', 15, true);


--
-- Name: reviews_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.reviews_id_seq', 30, true);


--
-- Name: addresses addresses_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.addresses
    ADD CONSTRAINT addresses_pkey PRIMARY KEY (id);


--
-- Name: audit_log audit_log_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.audit_log
    ADD CONSTRAINT audit_log_pkey PRIMARY KEY (id);


--
-- Name: customers customers_email_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.customers
    ADD CONSTRAINT customers_email_key UNIQUE (email);


--
-- Name: customers customers_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.customers
    ADD CONSTRAINT customers_pkey PRIMARY KEY (id);


--
-- Name: order_items order_items_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.order_items
    ADD CONSTRAINT order_items_pkey PRIMARY KEY (order_id, product_id);


--
-- Name: orders orders_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_pkey PRIMARY KEY (id);


--
-- Name: payments payments_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payments
    ADD CONSTRAINT payments_pkey PRIMARY KEY (id);


--
-- Name: products products_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.products
    ADD CONSTRAINT products_pkey PRIMARY KEY (id);


--
-- Name: products products_sku_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.products
    ADD CONSTRAINT products_sku_key UNIQUE (sku);


--
-- Name: reviews reviews_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reviews
    ADD CONSTRAINT reviews_pkey PRIMARY KEY (id);


--
-- Name: sessions sessions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sessions
    ADD CONSTRAINT sessions_pkey PRIMARY KEY (id);


--
-- Name: settings settings_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.settings
    ADD CONSTRAINT settings_pkey PRIMARY KEY (name);


--
-- Name: addresses addresses_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.addresses
    ADD CONSTRAINT addresses_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id);


--
-- Name: order_items order_items_order_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.order_items
    ADD CONSTRAINT order_items_order_id_fkey FOREIGN KEY (order_id) REFERENCES public.orders(id);


--
-- Name: order_items order_items_product_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.order_items
    ADD CONSTRAINT order_items_product_id_fkey FOREIGN KEY (product_id) REFERENCES public.products(id);


--
-- Name: orders orders_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id);


--
-- Name: orders orders_shipping_address_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.orders
    ADD CONSTRAINT orders_shipping_address_id_fkey FOREIGN KEY (shipping_address_id) REFERENCES public.addresses(id);


--
-- Name: payments payments_order_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.payments
    ADD CONSTRAINT payments_order_id_fkey FOREIGN KEY (order_id) REFERENCES public.orders(id);


--
-- Name: reviews reviews_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reviews
    ADD CONSTRAINT reviews_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id);


--
-- Name: reviews reviews_product_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.reviews
    ADD CONSTRAINT reviews_product_id_fkey FOREIGN KEY (product_id) REFERENCES public.products(id);


--
-- Name: sessions sessions_customer_id_fkey; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.sessions
    ADD CONSTRAINT sessions_customer_id_fkey FOREIGN KEY (customer_id) REFERENCES public.customers(id);


--
-- PostgreSQL database dump complete
--

\unrestrict QrDIA8gr7AqRZd0XtEzt7GNW5IMLN1YaQG7SRa5BX2IkIrU1pEg5dqXxFdaLlpi

