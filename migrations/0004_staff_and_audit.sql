-- Staff (職員), their roles, sessions, and the audit log (controls C3, C5, C6, C7).

-- Roles are the same everywhere: a role is a bundle of permissions defined in code.
create table role (
  role_code text primary key check (role_code ~ '^[a-z][a-z_]*$'),
  name_ja text not null
);
revoke insert, update, delete on role from keitax_app;

create table staff (
  municipality_code text not null references municipality,
  staff_no text not null check (staff_no ~ '^[0-9A-Za-z]{1,12}$'),
  name text not null check (name <> ''),
  office_code text not null,
  department text not null check (department <> ''),
  status text not null default 'active' check (status in ('active', 'disabled')),
  valid_from date not null default current_date,
  valid_to date,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (municipality_code, staff_no),
  foreign key (municipality_code, office_code) references office,
  check (valid_to is null or valid_to >= valid_from)
);
select keitax_isolate_by_municipality('staff');

create table staff_role (
  municipality_code text not null,
  staff_no text not null,
  role_code text not null references role,
  granted_at timestamptz not null default now(),
  granted_by_staff_no text,
  primary key (municipality_code, staff_no, role_code),
  foreign key (municipality_code, staff_no) references staff
);
select keitax_isolate_by_municipality('staff_role');

create table staff_session (
  municipality_code text not null,
  -- SHA-256 of the session token; the token itself is only in the staff's cookie.
  session_token_hash bytea not null,
  staff_no text not null,
  created_at timestamptz not null default now(),
  last_seen_at timestamptz not null default now(),
  expires_at timestamptz not null,
  ended_at timestamptz,
  ip_address inet,
  user_agent text,
  primary key (municipality_code, session_token_hash),
  foreign key (municipality_code, staff_no) references staff
);
create index staff_session_staff_idx on staff_session (municipality_code, staff_no) where ended_at is null;
select keitax_isolate_by_municipality('staff_session');

-- Append-only record of every sign-in, every touch of personal data and every change of
-- accounts and permissions (C7). seq orders one municipality's chain.
create table audit_log (
  municipality_code text not null references municipality,
  seq bigint not null check (seq >= 1),
  occurred_at timestamptz not null default now(),
  staff_no text,
  office_code text,
  terminal text,
  ip_address inet,
  operation text not null check (operation <> ''),
  subject_type text,
  subject_id text,
  result text not null check (result in ('granted', 'denied', 'succeeded', 'failed')),
  row_count integer check (row_count >= 0),
  detail jsonb,
  previous_hash bytea,
  entry_hash bytea not null,
  primary key (municipality_code, seq)
);
create index audit_log_staff_idx on audit_log (municipality_code, staff_no, occurred_at);
create index audit_log_subject_idx on audit_log (municipality_code, subject_type, subject_id, occurred_at);
create index audit_log_time_idx on audit_log (municipality_code, occurred_at);
select keitax_isolate_by_municipality('audit_log');
revoke update, delete, truncate on audit_log from keitax_app;

-- Even the owner cannot rewrite history through SQL: changes and deletions are refused.
create function keitax_refuse_audit_change() returns trigger
  language plpgsql
  as $$
begin
  raise exception 'audit_log is append-only (% refused)', tg_op using errcode = 'insufficient_privilege';
end
$$;
create trigger audit_log_no_update_or_delete before update or delete on audit_log
  for each row execute function keitax_refuse_audit_change();
create trigger audit_log_no_truncate before truncate on audit_log
  for each statement execute function keitax_refuse_audit_change();
