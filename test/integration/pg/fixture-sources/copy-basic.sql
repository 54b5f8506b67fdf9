-- COPY text format: escapes (\t \n \r \\), \N vs empty string, a literal "\N" and "\." value.
CREATE TABLE public.users (
    id integer PRIMARY KEY,
    email text,
    first_name text,
    last_name text,
    phone text,
    bio text,
    active boolean NOT NULL
);
INSERT INTO public.users VALUES
 (1, 'ada@lovelace.test', 'Ada', 'Lovelace', '+44 20 7946 0001', 'Wrote the first program', true),
 (2, 'o''neil@quote.test', 'Shaquille', 'O''Neil', '+1 202 555 0144', E'Tab\there, newline\nthere', true),
 (3, 'back\slash@bs.test', 'Back\slash', 'Tab	Name', NULL, E'C:\\Users\\ada', false),
 (4, '', '', '', '', '', true),
 (5, NULL, NULL, NULL, NULL, NULL, false),
 (6, 'zoë@ünïcode.test', 'Zoë', 'Ñúñez', '+34 600 000 006', 'Emoji 😀 and CJK 漢字', true),
 (7, 'nl@newline.test', E'Line\nBreak', E'Carriage\rReturn', E'+1\t555 0107', E'\\N', true),
 (8, 'dot@dot.test', 'Dot', 'Line', '+1 555 0108', E'\\.', true);
