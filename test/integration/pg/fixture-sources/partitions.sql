-- Rules on a partitioned parent and on an INHERITS parent must reach the rows, which pg_dump
-- writes under the partitions' and children's own names. events_2024 has its own column order.
CREATE TABLE public.events (
    id bigint NOT NULL,
    occurred_on date NOT NULL,
    user_email text,
    kind text NOT NULL,
    PRIMARY KEY (id, occurred_on)
) PARTITION BY RANGE (occurred_on);
CREATE TABLE public.events_2023 PARTITION OF public.events FOR VALUES FROM ('2023-01-01') TO ('2024-01-01');
CREATE TABLE public.events_2024 (kind text NOT NULL, user_email text, occurred_on date NOT NULL, id bigint NOT NULL);
ALTER TABLE public.events ATTACH PARTITION public.events_2024 FOR VALUES FROM ('2024-01-01') TO ('2025-01-01');
CREATE TABLE public.events_default PARTITION OF public.events DEFAULT;
INSERT INTO public.events VALUES
 (1, '2023-03-01', 'ada@lovelace.test', 'login'), (2, '2023-11-30', NULL, 'logout'),
 (3, '2024-02-29', 'ada@lovelace.test', 'purchase'), (4, '2024-07-04', 'grace@hopper.test', 'login'),
 (5, '2031-01-01', 'alan@turing.test', 'future');
CREATE TABLE public.contacts (id integer PRIMARY KEY, email text, name text);
CREATE TABLE public.vip_contacts (tier text NOT NULL, PRIMARY KEY (id)) INHERITS (public.contacts);
INSERT INTO public.contacts VALUES (1, 'ada@lovelace.test', 'Ada Lovelace'), (2, 'someone@else.test', 'Some One');
INSERT INTO public.vip_contacts VALUES (3, 'grace@hopper.test', 'Grace Hopper', 'gold'), (4, NULL, 'No Mail', 'silver');
