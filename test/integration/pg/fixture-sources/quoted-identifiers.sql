-- Identifiers pg_dump must quote: mixed case, spaces, punctuation, unicode, reserved words;
-- "Users" next to users (a rule for public.users must not touch "Users").
CREATE SCHEMA "Ünïcode";
CREATE TABLE "Ünïcode"."Customer Accounts" (
    id integer PRIMARY KEY,
    "E-Mail" text,
    "Full Name" text,
    "say ""hi""" text
);
INSERT INTO "Ünïcode"."Customer Accounts" VALUES
 (1, 'ana@example.org', 'Ana Pérez', 'hi "1"'), (2, 'ben@example.org', 'Ben Ng', NULL), (3, NULL, NULL, '');
CREATE TABLE public.users (id integer PRIMARY KEY, email text);
CREATE TABLE public."Users" ("Id" integer PRIMARY KEY, "Email" text);
INSERT INTO public.users VALUES (1, 'lower@case.test'), (2, 'ana@example.org');
INSERT INTO public."Users" VALUES (1, 'upper@case.test'), (2, 'ana@example.org');
CREATE TABLE public."order" ("select" integer PRIMARY KEY, "from" text, "user" text);
INSERT INTO public."order" VALUES (1, 'ben@example.org', 'Ben Ng'), (2, 'x@y.test', 'X Y');
