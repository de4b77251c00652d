-- The municipality (地方公共団体) and the places inside it that the tax work refers to.

create table municipality (
  municipality_code text primary key check (municipality_code ~ '^[0-9]{6}$'),
  name text not null check (name <> ''),
  prefecture text not null check (prefecture <> ''),
  -- A demo city holds generated data only; screens say so.
  is_demo boolean not null default false,
  created_at timestamptz not null default now()
);
select keitax_isolate_by_municipality('municipality');

-- 拠点: the main office, branch offices and others where records are registered or changed
-- (軽自テーブル 65.登録拠点コード, 66.異動拠点コード).
create table office (
  municipality_code text not null references municipality,
  office_code text not null check (office_code ~ '^[0-9A-Z]{1,8}$'),
  name text not null check (name <> ''),
  kind text not null check (kind in ('main', 'branch', 'other_department', 'contractor')),
  primary key (municipality_code, office_code)
);
select keitax_isolate_by_municipality('office');

-- 住所コード: the town areas (町字) of the municipality, for addresses and storage places.
create table address_area (
  municipality_code text not null references municipality,
  address_code text not null check (address_code ~ '^[0-9]{1,12}$'),
  town_name text not null check (town_name <> ''),
  town_name_kana text not null check (town_name_kana <> ''),
  postal_code text check (postal_code ~ '^[0-9]{7}$'),
  primary key (municipality_code, address_code)
);
select keitax_isolate_by_municipality('address_area');
