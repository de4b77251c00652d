-- The vehicle register as counter clerks work it (issue 9): what the tax-rule engine needs that
-- the seed's 73 items lack, how each generation's declaration arrived, the search keys clerks
-- look vehicles up by, one active record per chassis and plate, and gap-free declaration numbers.
-- vehicle_deleted keeps the shape of vehicle (docs/decisions/0004-vehicle-generations.md), so
-- every column is added to both.

-- What the engine decides the rate on (src/tax-rules/model.ts vehicleInputSchema), not seed items:
-- wheels, the natural-gas emission standard (グリーン化特例 75%), a three-wheeler's body, and for
-- a moped with three or more wheels its cabin and track width (ミニカー).
alter table vehicle
  add column wheels smallint check (wheels between 1 and 20),
  add column natural_gas_emission_standard boolean not null default false,
  add column body_type text check (body_type in ('passenger', 'cargo')),
  add column cabin boolean,
  add column track_width_cm numeric(5, 1) check (track_width_cm > 0),
  -- How this generation's declaration reached the city: at a counter, by post (the nationwide
  -- common form), another city's copy (税止め), the city's own decision (職権), forwarded data.
  add column declaration_channel text not null default 'counter'
    check (declaration_channel in ('counter', 'post', 'other_city_copy', 'ex_officio', 'forwarded')),
  -- 職権廃車: what the city found out before deciding (who, when, what).
  add column ex_officio_investigation text check (ex_officio_investigation <> ''),
  -- Search keys made by src/vehicles/search-keys.ts (width, spaces, hyphens folded): the plate as
  -- one string, its serial (標識3), the chassis number, and both reversed for "ends with".
  add column plate_search text not null default '',
  add column plate_serial_search text not null default '',
  add column plate_search_reversed text not null default '',
  add column chassis_search text not null default '',
  add column chassis_search_reversed text not null default '';

alter table vehicle_deleted
  add column wheels smallint check (wheels between 1 and 20),
  add column natural_gas_emission_standard boolean not null default false,
  add column body_type text check (body_type in ('passenger', 'cargo')),
  add column cabin boolean,
  add column track_width_cm numeric(5, 1) check (track_width_cm > 0),
  add column declaration_channel text not null default 'counter'
    check (declaration_channel in ('counter', 'post', 'other_city_copy', 'ex_officio', 'forwarded')),
  add column ex_officio_investigation text check (ex_officio_investigation <> ''),
  add column plate_search text not null default '',
  add column plate_serial_search text not null default '',
  add column plate_search_reversed text not null default '',
  add column chassis_search text not null default '',
  add column chassis_search_reversed text not null default '';

-- One vehicle in use per chassis and per plate: the current generation, not deregistered.
create unique index vehicle_active_chassis_uq on vehicle (municipality_code, chassis_search)
  where superseded_at is null and deregistration_date is null and chassis_search <> '';
create unique index vehicle_active_plate_uq on vehicle (municipality_code, plate_search)
  where superseded_at is null and deregistration_date is null and plate_search <> '';

-- Search under row-level security: only leakproof comparisons (=, ~>=~, ~<~) become index
-- conditions, so every search is a prefix range on a pattern-ops B-tree (see migration 0030).
-- Current generations only: an older generation is reached through its declaration number.
create index vehicle_plate_search_prefix on vehicle (municipality_code, plate_search text_pattern_ops) where superseded_at is null;
create index vehicle_plate_serial_prefix on vehicle (municipality_code, plate_serial_search text_pattern_ops) where superseded_at is null;
create index vehicle_plate_reversed_prefix on vehicle (municipality_code, plate_search_reversed text_pattern_ops) where superseded_at is null;
create index vehicle_chassis_search_prefix on vehicle (municipality_code, chassis_search text_pattern_ops) where superseded_at is null;
create index vehicle_chassis_reversed_prefix on vehicle (municipality_code, chassis_search_reversed text_pattern_ops) where superseded_at is null;
create index vehicle_owner_current_idx on vehicle (municipality_code, owner_addressee_no) where superseded_at is null;

-- 申告書番号: year + serial, the serial in the series of the office that received the
-- declaration: series n numbers n×100000+1 … n×100000+99999 (市民税課 000001…, 北部出張所
-- 100001…). A series is given to an office the first time it numbers a declaration.
create table declaration_series (
  municipality_code text not null references municipality,
  office_code text not null,
  series_no smallint not null check (series_no between 0 and 99),
  primary key (municipality_code, office_code),
  unique (municipality_code, series_no),
  foreign key (municipality_code, office_code) references office
);
select keitax_isolate_by_municipality('declaration_series');

-- The last serial drawn per year and series. The row is locked by the drawing transaction until
-- it ends, so parallel declarations queue on it: no two draw the same serial, and a rolled-back
-- declaration gives its serial back (no gaps).
create table declaration_counter (
  municipality_code text not null references municipality,
  declaration_year smallint not null check (declaration_year between 1950 and 2200),
  series_no smallint not null check (series_no between 0 and 99),
  last_serial integer not null check (last_serial between 0 and 99999),
  primary key (municipality_code, declaration_year, series_no)
);
select keitax_isolate_by_municipality('declaration_counter');
revoke delete, truncate on declaration_counter from keitax_app;
