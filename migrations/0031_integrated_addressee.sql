-- 団体内統合宛名 (subsystem S3): numbers that are never handed out twice, the provision code's
-- lookup, and the record of every reveal of an individual number.

-- Counters of the numbers keitax hands out: 宛名番号 and 統合宛名番号 are the municipality code
-- and a serial drawn here — never max()+1, so a number once given is never given again, even if
-- its row were later deleted (C17).
create table number_sequence (
  municipality_code text not null references municipality,
  sequence_name text not null check (sequence_name in ('addressee_no', 'integrated_addressee_no')),
  last_value bigint not null check (last_value between 0 and 999999999),
  primary key (municipality_code, sequence_name)
);
select keitax_isolate_by_municipality('number_sequence');

-- The intermediate-server linkage finds the integrated addressee of an inbound request by its
-- provision code (情報提供用個人識別符号) through a keyed hash, as individual numbers are found.
alter table integrated_addressee
  add column provision_code_lookup_hash bytea,
  add constraint integrated_addressee_provision_code_hash_complete
    check ((provision_code_ciphertext is null) = (provision_code_lookup_hash is null));
create unique index integrated_addressee_provision_code_uq
  on integrated_addressee (municipality_code, provision_code_lookup_hash)
  where provision_code_lookup_hash is not null;
-- `keitax keys rotate` finds the values still sealed under an older key.
create index integrated_addressee_individual_number_key_idx on integrated_addressee (municipality_code, individual_number_key_id);
create index integrated_addressee_provision_code_key_idx on integrated_addressee (municipality_code, provision_code_key_id);

-- Each reveal of an individual number: the audit entry holds the reason's category and this
-- row's id; the reason in the staff member's words, which may name people, stays here, under
-- row-level security, readable by auditors through the audit reports.
create table individual_number_reveal (
  municipality_code text not null references municipality,
  reveal_id uuid not null default gen_random_uuid(),
  revealed_at timestamptz not null default now(),
  staff_no text not null,
  addressee_no text not null,
  reason_code text not null check (reason_code in (
    'identity_verification', 'declaration_check', 'resident_registry_check', 'intermediate_server_linkage',
    'disclosure_request', 'other')),
  reason text not null check (char_length(reason) between 1 and 200),
  primary key (municipality_code, reveal_id),
  foreign key (municipality_code, staff_no) references staff,
  foreign key (municipality_code, addressee_no) references addressee
);
create index individual_number_reveal_addressee_idx on individual_number_reveal (municipality_code, addressee_no, revealed_at);
select keitax_isolate_by_municipality('individual_number_reveal');
revoke update, delete, truncate on individual_number_reveal from keitax_app;
