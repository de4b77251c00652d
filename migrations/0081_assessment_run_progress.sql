-- A real run of the initial assessment works in the background (issue 10): its progress for the
-- screen and the CLI, and the proof that the process running it is alive, so that a run is never
-- carried on by two processes and a run whose process died can be taken over
-- (docs/decisions/0012-assessment-runner-liveness.md).

-- 'interrupted' (中断): stopped by a server shutting down, or found with its runner dead.
alter table assessment_run drop constraint assessment_run_status_check;
alter table assessment_run add constraint assessment_run_status_check check (status in ('running', 'completed', 'failed', 'interrupted'));

alter table assessment_run
  -- Who started the run, as the history shows it (the staff member's name, or the command line).
  add column started_by_name text,
  -- Vehicles standing in the register on April 1, counted when the run was started; and read so far.
  add column vehicles_expected integer check (vehicles_expected >= 0),
  add column vehicles_done integer not null default 0 check (vehicles_done >= 0),
  -- The runner: a token drawn by the process for this run (each batch checks it is still the
  -- runner), where it runs, and when it last committed a batch.
  add column runner_token text,
  add column runner_host text,
  add column runner_pid integer,
  add column heartbeat_at timestamptz;
