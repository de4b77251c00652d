-- Resident registry changes (住民異動, C16): each file imported, each row applied (so the same
-- row is never applied twice), and the rows a clerk must look at — never dropped.

create table resident_change_import (
  municipality_code text not null references municipality,
  import_id uuid not null default gen_random_uuid(),
  imported_at timestamptz not null default now(),
  -- Who ran it: a staff member, or null for `keitax import residents` at the command line.
  staff_no text,
  file_name text not null check (file_name <> ''),
  file_sha_256 bytea not null,
  encoding text not null check (encoding in ('utf-8', 'shift_jis')),
  row_count integer not null check (row_count >= 0),
  applied_count integer not null check (applied_count >= 0),
  already_applied_count integer not null check (already_applied_count >= 0),
  queued_count integer not null check (queued_count >= 0),
  already_queued_count integer not null check (already_queued_count >= 0),
  invalid_count integer not null check (invalid_count >= 0),
  -- Row, column and message of each invalid row; never the values.
  problems jsonb not null default '[]',
  primary key (municipality_code, import_id)
);
create index resident_change_import_time_idx on resident_change_import (municipality_code, imported_at);
select keitax_isolate_by_municipality('resident_change_import');

-- One row per change applied. row_key is a keyed hash (the vault's lookup key) of the row's
-- content: the same change arriving again, in any file or encoding, is recognised and skipped.
create table resident_change_applied (
  municipality_code text not null references municipality,
  row_key bytea not null,
  import_id uuid not null,
  row_no integer not null check (row_no >= 1),
  addressee_no text not null,
  change_type text not null check (change_type in ('moved_in', 'birth', 'moved_out', 'moved_within', 'deceased', 'name_changed', 'number_changed')),
  effective_date date not null,
  applied_at timestamptz not null default now(),
  primary key (municipality_code, row_key),
  foreign key (municipality_code, import_id) references resident_change_import,
  foreign key (municipality_code, addressee_no) references addressee
);
select keitax_isolate_by_municipality('resident_change_applied');

-- Rows that matched no addressee, or not cleanly: kept with the reason until a clerk applies
-- them to an addressee, registers the person, or dismisses them with a note. The row's
-- individual numbers are sealed by the vault exactly as in integrated_addressee (AES-256-GCM,
-- key id beside, re-sealed by `keitax keys rotate`): the clerk's resolution needs them, no
-- screen shows them.
create table resident_change_review (
  municipality_code text not null references municipality,
  review_id uuid not null default gen_random_uuid(),
  row_key bytea not null,
  import_id uuid not null,
  row_no integer not null check (row_no >= 1),
  change_type text not null check (change_type in ('moved_in', 'birth', 'moved_out', 'moved_within', 'deceased', 'name_changed', 'number_changed')),
  effective_date date not null,
  name_kanji text not null check (name_kanji <> ''),
  name_kana text not null check (name_kana <> ''),
  sex_code text not null check (sex_code in ('1', '2')),
  birth_date date not null,
  postal_code text check (postal_code ~ '^[0-9]{7}$'),
  address_code text,
  address text not null check (address <> ''),
  individual_number_ciphertext bytea not null,
  individual_number_key_id text not null,
  previous_individual_number_ciphertext bytea,
  previous_individual_number_key_id text,
  reason_code text not null check (reason_code in (
    'not_found', 'basic_items_differ', 'possible_duplicate', 'already_resident', 'not_a_resident', 'number_in_use')),
  -- Item names and candidate addressee numbers behind the reason, never personal values.
  reason_detail jsonb not null default '{}',
  status text not null default 'open' check (status in ('open', 'applied', 'dismissed')),
  resolved_at timestamptz,
  resolved_by_staff_no text,
  resolution_note text,
  addressee_no text,
  queued_at timestamptz not null default now(),
  primary key (municipality_code, review_id),
  unique (municipality_code, row_key),
  foreign key (municipality_code, import_id) references resident_change_import,
  foreign key (municipality_code, addressee_no) references addressee,
  check ((previous_individual_number_ciphertext is null) = (previous_individual_number_key_id is null)),
  check ((status = 'open') = (resolved_at is null))
);
create index resident_change_review_open_idx on resident_change_review (municipality_code, status, queued_at);
create index resident_change_review_key_idx on resident_change_review (municipality_code, individual_number_key_id);
select keitax_isolate_by_municipality('resident_change_review');
