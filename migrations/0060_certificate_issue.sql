-- 標識交付証明書 and 廃車申告受付書: the log of every certificate issued, and the counter its
-- numbers come from. A certificate number is the fiscal year of issue and a serial that runs
-- without gaps per municipality and year: the counter row is taken in the issuing transaction,
-- so a refused or failed issue gives its number back with the rollback.
create table certificate_number_counter (
  municipality_code text not null references municipality,
  fiscal_year smallint not null check (fiscal_year between 1950 and 2200),
  last_serial integer not null check (last_serial >= 1),
  primary key (municipality_code, fiscal_year)
);
select keitax_isolate_by_municipality('certificate_number_counter');
revoke delete, truncate on certificate_number_counter from keitax_app;

create table certificate_issue (
  municipality_code text not null references municipality,
  fiscal_year smallint not null check (fiscal_year between 1950 and 2200),
  serial integer not null check (serial >= 1),
  certificate_kind text not null check (certificate_kind in ('plate_issue', 'deregistration_receipt')),
  declaration_no text not null check (declaration_no ~ '^[0-9]{4}-[0-9]{1,8}$'),
  office_code text not null,
  -- Null for the command line, as in the audit log.
  staff_no text,
  issued_at timestamptz not null default now(),
  issued_on date not null,
  -- A reprint (再発行) names the certificate it replaces.
  reprint_of_fiscal_year smallint,
  reprint_of_serial integer,
  primary key (municipality_code, fiscal_year, serial),
  foreign key (municipality_code, office_code) references office,
  foreign key (municipality_code, staff_no) references staff,
  foreign key (municipality_code, reprint_of_fiscal_year, reprint_of_serial) references certificate_issue,
  check ((reprint_of_fiscal_year is null) = (reprint_of_serial is null))
);
create index certificate_issue_declaration_idx on certificate_issue (municipality_code, declaration_no, certificate_kind);
select keitax_isolate_by_municipality('certificate_issue');
-- What was issued stays issued: the log is never rewritten.
revoke update, delete, truncate on certificate_issue from keitax_app;
