-- Sign-in, roles and the audit chain (controls C3, C5, C6, C7, C8).

-- The roles of the seed's users; what each may do is defined in src/access/roles.ts.
insert into role (role_code, name_ja) values
  ('assessor', '課税担当(市民税課)'),
  ('counter_clerk', '窓口担当(出張所)'),
  ('reductions_clerk', '減免担当'),
  ('supervisor', '係長・課長(承認)'),
  ('collections_viewer', '収納課(照会)'),
  ('welfare_viewer', '生活福祉課(承認済み移転のみ)'),
  ('auditor', '監査担当'),
  ('system_admin', 'システム管理者'),
  ('contractor', '委託事業者(保守運用・帳票印刷)');

-- Two factors: a password (argon2id) and a passkey whose user verification is the biometric.
alter table staff
  add column password_hash text,
  add column failed_sign_in_count integer not null default 0 check (failed_sign_in_count >= 0),
  add column locked_until timestamptz,
  add column last_sign_in_at timestamptz,
  -- One-time code an administrator issues for enrolling a passkey (SHA-256; the code is shown once).
  add column enrollment_code_hash bytea,
  add column enrollment_code_expires_at timestamptz,
  add column disabled_at timestamptz,
  add column disabled_reason text,
  add constraint staff_enrollment_code_complete
    check ((enrollment_code_hash is null) = (enrollment_code_expires_at is null));

create table staff_passkey (
  municipality_code text not null,
  credential_id bytea not null,
  staff_no text not null,
  public_key bytea not null,
  sign_count bigint not null default 0 check (sign_count >= 0),
  transports text,
  device_label text,
  created_at timestamptz not null default now(),
  last_used_at timestamptz,
  primary key (municipality_code, credential_id),
  foreign key (municipality_code, staff_no) references staff
);
create index staff_passkey_staff_idx on staff_passkey (municipality_code, staff_no);
select keitax_isolate_by_municipality('staff_passkey');

-- A WebAuthn challenge between the two steps of a ceremony: short-lived and used once.
create table auth_challenge (
  municipality_code text not null references municipality,
  challenge_id uuid not null,
  purpose text not null check (purpose in ('sign_in', 'enrol', 'reauthenticate')),
  staff_no text,
  challenge text not null,
  expires_at timestamptz not null,
  primary key (municipality_code, challenge_id)
);
select keitax_isolate_by_municipality('auth_challenge');

alter table staff_session
  add column reauthenticated_at timestamptz,
  add column end_reason text check (end_reason in ('signed_out', 'signed_out_everywhere', 'idle', 'expired', 'account_disabled', 'replaced'));

-- The audit chain hashes the IP address as the application normalised it, so keep it as text;
-- every entry records an outcome: done, refused, or failed.
alter table audit_log alter column ip_address type text;
alter table audit_log drop constraint audit_log_result_check;
alter table audit_log add constraint audit_log_result_check check (result in ('succeeded', 'denied', 'failed'));
