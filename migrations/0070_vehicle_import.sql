-- Forwarded vehicle data (seed I.1②): what 軽自動車検査協会 (3- and 4-wheel kei) and 運輸支局
-- (2-wheel) forward to the city, and the kei inspection data (検査情報). Each file imported is
-- logged; each record taken is kept once, by a keyed hash of its content, so the same record in
-- any later file changes nothing; a record whose owner is not found cleanly waits for a clerk —
-- nothing is dropped. docs/forwarded-data.md.

create table vehicle_import (
  municipality_code text not null references municipality,
  import_id uuid not null default gen_random_uuid(),
  imported_at timestamptz not null default now(),
  -- Who ran it: a staff member, or null for `keitax import declarations` at the command line.
  staff_no text,
  file_name text not null check (file_name <> ''),
  file_sha_256 bytea not null,
  encoding text not null check (encoding in ('utf-8', 'shift_jis')),
  -- The parser that read it (ForwardedDataParser.id): a city may plug in its own layout.
  parser_id text not null check (parser_id <> ''),
  record_count integer not null check (record_count >= 0),
  ready_count integer not null check (ready_count >= 0),
  queued_count integer not null check (queued_count >= 0),
  already_taken_count integer not null check (already_taken_count >= 0),
  invalid_count integer not null check (invalid_count >= 0),
  -- Row, column and message of each invalid record; never the values.
  problems jsonb not null default '[]',
  primary key (municipality_code, import_id)
);
create index vehicle_import_time_idx on vehicle_import (municipality_code, imported_at);
select keitax_isolate_by_municipality('vehicle_import');

-- One row per record taken. record_key is a keyed hash (the vault's lookup key) of the record's
-- content: the same record arriving again, in any file, line or encoding, is recognised and
-- skipped. status: open (確認待ち: the owner was not found cleanly, reason_code says why),
-- ready (台帳反映待ち: the owner is known — matched by the four basic items, chosen or
-- registered by a clerk — or none is needed, as for inspection data), dismissed (対象外, with
-- the clerk's note).
create table vehicle_import_record (
  municipality_code text not null references municipality,
  record_id uuid not null default gen_random_uuid(),
  record_key bytea not null,
  import_id uuid not null,
  row_no integer not null check (row_no >= 1),
  source text not null check (source in ('kei_inspection_association', 'transport_bureau')),
  record_kind text not null check (record_kind in ('declaration', 'inspection')),
  declaration_type text check (declaration_type in ('new_registration', 'owner_change', 'deregistration', 'change')),
  event_date date not null,
  chassis_no text not null check (chassis_no <> ''),
  -- The record as read (src/vehicle-imports/model.ts ForwardedRecord): the owner's name and
  -- address for the clerk to decide on; no individual number is ever forwarded.
  content jsonb not null,
  status text not null check (status in ('open', 'ready', 'dismissed')),
  reason_code text not null check (reason_code in (
    'owner_not_found', 'owner_ambiguous', 'owner_matched', 'owner_chosen', 'owner_registered', 'inspection_data', 'dismissed')),
  -- Candidate addressee numbers and the basic items that differ, never personal values.
  reason_detail jsonb not null default '{}',
  owner_addressee_no text,
  taken_at timestamptz not null default now(),
  resolved_at timestamptz,
  resolved_by_staff_no text,
  resolution_note text,
  primary key (municipality_code, record_id),
  unique (municipality_code, record_key),
  foreign key (municipality_code, import_id) references vehicle_import,
  foreign key (municipality_code, owner_addressee_no) references addressee,
  check ((record_kind = 'declaration') = (declaration_type is not null)),
  check (status <> 'open' or owner_addressee_no is null),
  check (status <> 'dismissed' or resolution_note is not null)
);
create index vehicle_import_record_status_idx on vehicle_import_record (municipality_code, status, taken_at);
create index vehicle_import_record_chassis_idx on vehicle_import_record (municipality_code, chassis_no);
select keitax_isolate_by_municipality('vehicle_import_record');
