-- The initial assessment (当初賦課, issue 10): each run of it, the notice each taxpayer and mail
-- destination gets per fiscal year, and the gap-free series those notice numbers are drawn from.

-- A run: a preview or what-if writes no levies; a real run writes them batch by batch, each
-- batch committing its levies, the cursor (last declaration number done) and the running totals
-- together, so a run cut off is resumed from its cursor with nothing lost or counted twice.
create table assessment_run (
  municipality_code text not null references municipality,
  run_id bigint generated always as identity,
  fiscal_year smallint not null check (fiscal_year between 2000 and 2200),
  kind text not null check (kind in ('preview', 'what_if', 'real')),
  status text not null default 'running' check (status in ('running', 'completed', 'failed')),
  started_at timestamptz not null default now(),
  finished_at timestamptz,
  started_by_staff_no text,
  cursor_declaration_year smallint,
  cursor_declaration_serial integer,
  -- Counts and sums by vehicle class and rate case (src/assessment/model.ts AssessmentTotals).
  totals jsonb not null default '{"byClass":[],"byRateCase":[],"vehicles":0,"amount":0,"notComputed":0}',
  failure text,
  primary key (municipality_code, run_id),
  check ((cursor_declaration_year is null) = (cursor_declaration_serial is null)),
  check ((status = 'running') = (finished_at is null))
);
-- One real run at a time per fiscal year: a second start is refused (409) while one is running.
create unique index assessment_run_one_running_uq on assessment_run (municipality_code, fiscal_year)
  where status = 'running' and kind = 'real';
select keitax_isolate_by_municipality('assessment_run');

-- 納税通知書: one notice number per fiscal year, taxpayer and mail destination (the taxpayer's
-- address, a 送付先, or a 納税管理人), so each batch of a run finds the number already drawn.
create table assessment_notice (
  municipality_code text not null references municipality,
  fiscal_year smallint not null check (fiscal_year between 2000 and 2200),
  taxpayer_addressee_no text not null,
  destination_key text not null check (destination_key <> ''),
  notice_no text not null check (notice_no ~ '^[0-9]{12}$'),
  primary key (municipality_code, fiscal_year, taxpayer_addressee_no, destination_key),
  unique (municipality_code, fiscal_year, notice_no),
  foreign key (municipality_code, taxpayer_addressee_no) references addressee
);
select keitax_isolate_by_municipality('assessment_notice');

-- The last notice serial per fiscal year. The row stays locked until the drawing transaction
-- ends, and a rolled-back batch gives its numbers back: the series has no gaps.
create table notice_counter (
  municipality_code text not null references municipality,
  fiscal_year smallint not null check (fiscal_year between 2000 and 2200),
  last_serial integer not null check (last_serial between 0 and 99999999),
  primary key (municipality_code, fiscal_year)
);
select keitax_isolate_by_municipality('notice_counter');
