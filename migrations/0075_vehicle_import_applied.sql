-- Forwarded records are written into the vehicle register as they are taken (issue 9 item 5,
-- docs/forwarded-data.md): a record whose owner is known, and inspection data, go through the
-- register's own use cases (src/vehicles/service.ts) and become applied (反映済み), naming the
-- declaration number and generation they wrote. A record the register refuses waits for a clerk
-- (open, reason register_refused, with the register's Japanese reason in reason_detail), so an
-- open record may now name its owner. The status ready (台帳反映待ち) is gone: records taken
-- before this migration wait for a clerk as register_pending, and `apply` writes them.

alter table vehicle_import rename column ready_count to applied_count;

alter table vehicle_import_record
  drop constraint vehicle_import_record_status_check,
  drop constraint vehicle_import_record_reason_code_check,
  -- status <> 'open' or owner_addressee_no is null
  drop constraint vehicle_import_record_check1;

update vehicle_import_record set status = 'open', reason_code = 'register_pending' where status = 'ready';

alter table vehicle_import_record
  add column applied_declaration_no text check (applied_declaration_no ~ '^[0-9]{4}-[0-9]{1,8}$'),
  add column applied_generation smallint check (applied_generation >= 1),
  add column applied_at timestamptz,
  add constraint vehicle_import_record_status_check check (status in ('open', 'applied', 'dismissed')),
  add constraint vehicle_import_record_reason_code_check check (reason_code in (
    'owner_not_found', 'owner_ambiguous', 'owner_matched', 'owner_chosen', 'owner_registered', 'inspection_data', 'dismissed',
    'register_refused', 'register_pending')),
  add constraint vehicle_import_record_applied_check check (
    (status = 'applied') = (applied_declaration_no is not null and applied_generation is not null and applied_at is not null));
