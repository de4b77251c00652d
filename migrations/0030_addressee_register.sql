-- 税宛名 (subsystem S2) as clerks use it: search keys, the storage place's address, mail
-- destinations (送付先), and the history of every change — who, when, why.

-- Search keys are made by src/addressees/normalise.ts (width, kana, spaces, variant characters)
-- and kept beside the names, which stay exactly as registered. search_version names the rules a
-- row's keys were made with; rows with older keys (or none: inserted before this migration) are
-- re-keyed when keitax starts, so a new variant mapping reaches every row.
alter table addressee
  add column name_kanji_search text not null default '',
  add column name_kana_search text not null default '',
  -- The name's second part: a person's given name, a corporation's name without 株式会社 etc.
  add column name_kanji_search_tail text not null default '',
  add column name_kana_search_tail text not null default '',
  add column address_search text not null default '',
  -- The address key without city, ward, or county and town: 越ケ谷1-2-3.
  add column address_search_local text not null default '',
  add column phone_search text check (phone_search ~ '^[0-9]{6,15}$'),
  add column search_version smallint not null default 0 check (search_version >= 0),
  -- 定置場: where the taxpayer keeps vehicles, when that is not the address (a non-resident's
  -- farm in the city, a corporation's depot).
  add column storage_place_address text check (storage_place_address <> ''),
  add column storage_place_address_code text,
  -- The day the status took effect: 転出日, 死亡日, 解散日.
  add column status_date date,
  -- Edits name the version they were made on; a stale edit is refused, not silently merged.
  add column version integer not null default 1 check (version >= 1),
  add constraint addressee_storage_place_area_fk
    foreign key (municipality_code, storage_place_address_code) references address_area;

-- Ranked search well under a second at 300,000 addressees, as the application role. Under
-- row-level security the planner may use only leakproof operators as index conditions: LIKE and
-- pg_trgm's % are not, so their indexes would never be used and every search would scan the
-- table. Text comparisons are: every search is an equality or a prefix range (~>=~ … ~<~) on a
-- pattern-ops B-tree of a key — the whole name, its second part, the address and its local part.
create index addressee_name_kana_search_prefix on addressee (municipality_code, name_kana_search text_pattern_ops);
create index addressee_name_kanji_search_prefix on addressee (municipality_code, name_kanji_search text_pattern_ops);
create index addressee_name_kana_search_tail_prefix on addressee (municipality_code, name_kana_search_tail text_pattern_ops);
create index addressee_name_kanji_search_tail_prefix on addressee (municipality_code, name_kanji_search_tail text_pattern_ops);
create index addressee_address_search_prefix on addressee (municipality_code, address_search text_pattern_ops);
create index addressee_address_search_local_prefix on addressee (municipality_code, address_search_local text_pattern_ops);
create index addressee_phone_search_idx on addressee (municipality_code, phone_search);
create index addressee_stale_search_idx on addressee (municipality_code, search_version);

-- 送付先: where notices go when not to the address, for a period (a relative's house, an
-- accountant's office). The taxpayer remains the addressee.
create table mail_destination (
  municipality_code text not null references municipality,
  addressee_no text not null,
  valid_from date not null,
  valid_to date,
  -- The name on the envelope (〇〇方, 〇〇税理士事務所).
  name text not null check (name <> ''),
  postal_code text check (postal_code ~ '^[0-9]{7}$'),
  address text not null check (address <> ''),
  phone text check (phone ~ '^[0-9-]{6,15}$'),
  primary key (municipality_code, addressee_no, valid_from),
  foreign key (municipality_code, addressee_no) references addressee,
  check (valid_to is null or valid_to >= valid_from)
);
select keitax_isolate_by_municipality('mail_destination');

-- Every change of an addressee, its tax administrators and mail destinations: who (staff, or
-- null for the command line), when, why, from where (typed in, or the resident registry), and
-- what changed (field → before/after). The individual number is recorded as changed, never
-- with its value.
create table addressee_history (
  municipality_code text not null references municipality,
  history_id bigint generated always as identity,
  addressee_no text not null,
  changed_at timestamptz not null default now(),
  staff_no text,
  source text not null check (source in ('entry', 'resident_registry')),
  change_kind text not null check (change_kind in (
    'registered', 'updated', 'status_changed', 'tax_administrator_set', 'tax_administrator_ended',
    'mail_destination_set', 'mail_destination_ended', 'integrated_addressee_no_assigned', 'individual_number_set')),
  reason text not null check (reason <> ''),
  effective_date date,
  changes jsonb not null default '{}',
  primary key (municipality_code, history_id),
  foreign key (municipality_code, addressee_no) references addressee
);
create index addressee_history_addressee_idx on addressee_history (municipality_code, addressee_no, history_id);
select keitax_isolate_by_municipality('addressee_history');
-- History is written, never rewritten.
revoke update, delete, truncate on addressee_history from keitax_app;
