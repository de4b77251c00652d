-- Foundation: extensions, the application role, and the helpers that keep municipalities apart
-- (control C14: one municipality's data is invisible to another).

create extension if not exists pg_trgm;
create extension if not exists pgcrypto;

-- The application does its work as keitax_app, a role row-level security applies to: it owns
-- nothing and is never a superuser. The login role that runs migrations may switch to it.
do $$
begin
  if not exists (select from pg_roles where rolname = 'keitax_app') then
    create role keitax_app nologin;
  end if;
end
$$;
grant keitax_app to current_user;
grant usage on schema public to keitax_app;
alter default privileges in schema public grant select, insert, update, delete on tables to keitax_app;
alter default privileges in schema public grant usage, select on sequences to keitax_app;

-- The municipality of the current transaction; null (no rows visible) when none is set.
create function keitax_current_municipality() returns text
  language sql stable parallel safe
  as $$ select nullif(current_setting('keitax.municipality_code', true), '') $$;

-- Every table of city data calls this once: rows are visible and writable only inside a
-- transaction whose municipality matches. FORCE makes the policy bind the table owner too.
create function keitax_isolate_by_municipality(target regclass) returns void
  language plpgsql
  as $$
begin
  execute format('alter table %s enable row level security', target);
  execute format('alter table %s force row level security', target);
  execute format(
    'create policy municipality_isolation on %s
       using (municipality_code = keitax_current_municipality())
       with check (municipality_code = keitax_current_municipality())',
    target);
end
$$;
revoke execute on function keitax_isolate_by_municipality(regclass) from public;
