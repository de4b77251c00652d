-- The checks before mailing (発送前点検, issue 10 item 2): a run of the checks over a fiscal
-- year's levies, the suspicious levies it found, the supervisor's review of each and the
-- sign-off (決裁) that releases the year's notices for printing and mailing.

-- A check run, tied to the completed real assessment run whose levies it checked. The levy
-- count, sum and fingerprint (SHA-256 over every levy in notice order) are those the checks
-- saw: a sign-off is void once the year's levies no longer match them.
create table mailing_check_run (
  municipality_code text not null references municipality,
  check_run_id bigint generated always as identity,
  fiscal_year smallint not null check (fiscal_year between 2000 and 2200),
  assessment_run_id bigint not null,
  levy_count integer not null check (levy_count >= 0),
  levy_amount bigint not null check (levy_amount >= 0),
  levy_fingerprint text not null check (levy_fingerprint ~ '^[0-9a-f]{64}$'),
  checked_at timestamptz not null default now(),
  checked_by_staff_no text,
  signed_off_at timestamptz,
  signed_off_by_staff_no text,
  primary key (municipality_code, check_run_id),
  check ((signed_off_at is null) = (signed_off_by_staff_no is null))
);
create index mailing_check_run_year_idx on mailing_check_run (municipality_code, fiscal_year, check_run_id);
select keitax_isolate_by_municipality('mailing_check_run');

-- One suspicious levy (or, for a vehicle the engine could not price, a vehicle left unlevied):
-- the rule that found it, what to look at and why, and the review (確認済み with a note).
create table mailing_check_finding (
  municipality_code text not null references municipality,
  check_run_id bigint not null,
  finding_no integer not null check (finding_no >= 1),
  rule_code text not null check (rule_code in (
    'green_reduction_missing', 'first_inspection_missing', 'small_special_use_mismatch',
    'deregistered_still_levied', 'owner_gone_still_levied', 'chassis_levied_twice',
    'mail_returned_last_year', 'amount_changed')),
  declaration_year smallint not null,
  declaration_serial integer not null,
  notice_no text,
  taxpayer_addressee_no text not null,
  explanation text not null,
  reason text not null,
  reviewed_at timestamptz,
  reviewed_by_staff_no text,
  review_note text,
  primary key (municipality_code, check_run_id, finding_no),
  foreign key (municipality_code, check_run_id) references mailing_check_run,
  check ((reviewed_at is null) = (reviewed_by_staff_no is null))
);
create index mailing_check_finding_rule_idx on mailing_check_finding (municipality_code, check_run_id, rule_code);
select keitax_isolate_by_municipality('mailing_check_finding');

-- Working rows of a check run while it runs, emptied before it commits: this year's levies by
-- chassis (to find one chassis levied twice in SQL) and last year's levies (amounts and returned
-- mail), so the checks read the city page by page and hold none of it in memory.
create table mailing_check_levy_key (
  municipality_code text not null references municipality,
  check_run_id bigint not null,
  declaration_year smallint not null,
  declaration_serial integer not null,
  chassis_key text not null,
  primary key (municipality_code, check_run_id, declaration_year, declaration_serial),
  foreign key (municipality_code, check_run_id) references mailing_check_run
);
create index mailing_check_levy_key_chassis_idx on mailing_check_levy_key (municipality_code, check_run_id, chassis_key);
select keitax_isolate_by_municipality('mailing_check_levy_key');

create table mailing_check_prior_levy (
  municipality_code text not null references municipality,
  check_run_id bigint not null,
  declaration_year smallint not null,
  declaration_serial integer not null,
  owner_addressee_no text not null,
  amount integer not null,
  vehicle_class_code text not null,
  rate_case text,
  returned_mail_code text,
  primary key (municipality_code, check_run_id, declaration_year, declaration_serial),
  foreign key (municipality_code, check_run_id) references mailing_check_run
);
create index mailing_check_prior_levy_owner_idx on mailing_check_prior_levy (municipality_code, check_run_id, owner_addressee_no);
select keitax_isolate_by_municipality('mailing_check_prior_levy');
