-- 標識 (plates): the city's stock of the plates it issues for mopeds, ミニカー and small special
-- vehicles, per office, class and design series; every change of a plate's state with who, when
-- and which declaration; the plates of other cities collected at the counter (他市標識回収);
-- and what a plate compensation slip (弁償金納付書) was decided on.

-- The city's own designs (ご当地ナンバー) it issues for a class beside the standard plate,
-- e.g. 越谷市's しらこばと橋とガーヤちゃん for 原付 第一種, 第二種乙 and 第二種甲.
create table plate_design_series (
  municipality_code text not null references municipality,
  vehicle_class_code text not null references vehicle_class,
  design_name text not null check (design_name <> ''),
  primary key (municipality_code, vehicle_class_code)
);
select keitax_isolate_by_municipality('plate_design_series');

-- One row per plate the city holds or has issued, named as the vehicle record names it
-- (標識1 issuer, 標識2 class number and kana or class mark, 標識3 serial).
create table plate (
  municipality_code text not null references municipality,
  plate_part_1 text not null check (plate_part_1 <> ''),
  plate_part_2 text not null check (plate_part_2 <> ''),
  plate_part_3 text not null check (plate_part_3 ~ '^[1-9][0-9]{0,5}$'),
  -- 標識3 as a number: stock is handed out lowest first and ranges are checked for overlap.
  serial integer not null check (serial between 1 and 999999),
  office_code text not null,
  vehicle_class_code text not null references vehicle_class,
  design text not null check (design in ('standard', 'city_design')),
  state text not null default 'in_stock' check (state in ('in_stock', 'issued', 'returned', 'lost', 'stolen', 'void')),
  -- The declaration the plate is issued under while it is issued (申告書番号, year-serial).
  declaration_no text check (declaration_no ~ '^[0-9]{4}-[0-9]{1,8}$'),
  state_changed_on date not null,
  primary key (municipality_code, plate_part_1, plate_part_2, plate_part_3),
  foreign key (municipality_code, office_code) references office,
  check (plate_part_3 = serial::text),
  check ((state = 'issued') = (declaration_no is not null))
);
-- What the counter draws from: the lowest in-stock number of an office's class and design.
create index plate_stock_idx on plate (municipality_code, office_code, vehicle_class_code, design, state, serial);
create index plate_range_idx on plate (municipality_code, plate_part_1, plate_part_2, serial);
select keitax_isolate_by_municipality('plate');

-- Every state a plate has been in: loaded into stock, issued, returned, lost, stolen, voided.
create table plate_event (
  municipality_code text not null references municipality,
  event_id bigint generated always as identity,
  plate_part_1 text not null,
  plate_part_2 text not null,
  plate_part_3 text not null,
  from_state text check (from_state in ('in_stock', 'issued', 'returned', 'lost', 'stolen', 'void')),
  to_state text not null check (to_state in ('in_stock', 'issued', 'returned', 'lost', 'stolen', 'void')),
  -- How the plate came back, as the vehicle record's 返納区分 says (not_returned: kept by the owner).
  return_code text check (return_code in ('returned', 'lost', 'stolen', 'not_returned')),
  occurred_on date not null,
  staff_no text not null,
  declaration_no text check (declaration_no ~ '^[0-9]{4}-[0-9]{1,8}$'),
  reason text,
  recorded_at timestamptz not null default now(),
  primary key (municipality_code, event_id),
  foreign key (municipality_code, plate_part_1, plate_part_2, plate_part_3) references plate
);
create index plate_event_plate_idx on plate_event (municipality_code, plate_part_1, plate_part_2, plate_part_3, event_id);
select keitax_isolate_by_municipality('plate_event');

-- 他市標識回収: another city's plate handed in at the counter (軽自テーブル 62/63 refer to it).
create table other_city_plate (
  municipality_code text not null references municipality,
  recovery_no text not null check (recovery_no ~ '^[0-9]{4}-[0-9]{1,6}$'),
  issuer text not null check (issuer <> ''),
  plate_text text not null check (plate_text <> ''),
  recovered_on date not null,
  staff_no text not null,
  declaration_no text not null check (declaration_no ~ '^[0-9]{4}-[0-9]{1,8}$'),
  recorded_at timestamptz not null default now(),
  primary key (municipality_code, recovery_no)
);
select keitax_isolate_by_municipality('other_city_plate');

-- Numbers of slips and collected plates: gap-free per fiscal year, never reused.
create table plate_counter (
  municipality_code text not null references municipality,
  counter_name text not null check (counter_name in ('compensation_slip', 'other_city_recovery')),
  fiscal_year smallint not null check (fiscal_year between 1950 and 2200),
  last_value integer not null check (last_value >= 1),
  primary key (municipality_code, counter_name, fiscal_year)
);
select keitax_isolate_by_municipality('plate_counter');

-- What a 弁償金納付書 was decided on, beside the seed's 17 items: why the plate was replaced,
-- whether a police theft report was shown, the setting that fixed the fee, and who issued it.
alter table plate_compensation
  add column reason_code text check (reason_code in ('lost', 'damaged', 'stolen')),
  add column theft_report_shown boolean not null default false,
  add column fee_citation text,
  add column staff_no text,
  add constraint plate_compensation_theft_report_check check (not theft_report_shown or reason_code = 'stolen');
