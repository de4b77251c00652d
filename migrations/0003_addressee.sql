-- Tax addressees (税宛名, subsystem S2) and the integrated addressee register (団体内統合宛名,
-- subsystem S3). The vehicle tax tables refer to people by addressee number only: the
-- individual number lives in integrated_addressee alone, encrypted (seed II.2④ その妥当性, C4).

-- 団体内統合宛名: 3.団体内宛名番号, 1.個人番号, 2.情報提供用個人番号識別符号.
create table integrated_addressee (
  municipality_code text not null references municipality,
  integrated_addressee_no text not null check (integrated_addressee_no ~ '^[0-9]{15}$'),
  -- AES-256-GCM: 12-byte IV, ciphertext, 16-byte tag; the key id names the key that sealed it.
  individual_number_ciphertext bytea,
  individual_number_key_id text,
  -- Keyed hash (HMAC-SHA-256) for lookups by individual number without decrypting.
  individual_number_lookup_hash bytea,
  -- 情報提供用個人識別符号: used only by the intermediate-server linkage (C13).
  provision_code_ciphertext bytea,
  provision_code_key_id text,
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (municipality_code, integrated_addressee_no),
  check ((individual_number_ciphertext is null) = (individual_number_key_id is null)),
  check ((individual_number_ciphertext is null) = (individual_number_lookup_hash is null)),
  check ((provision_code_ciphertext is null) = (provision_code_key_id is null))
);
create unique index integrated_addressee_individual_number_uq
  on integrated_addressee (municipality_code, individual_number_lookup_hash)
  where individual_number_lookup_hash is not null;
select keitax_isolate_by_municipality('integrated_addressee');

-- 宛名: every person or body known to the tax office. 宛名番号 is also the 所有者コード,
-- 使用者コード, 宛名コード etc. of the vehicle tax tables.
create table addressee (
  municipality_code text not null references municipality,
  addressee_no text not null check (addressee_no ~ '^[0-9]{15}$'),
  -- resident: in this city's resident registry; non_resident: 住登外者 registered by staff;
  -- corporation: 法人 (with 法人番号 where it has one).
  kind text not null check (kind in ('resident', 'non_resident', 'corporation')),
  integrated_addressee_no text,
  name_kanji text not null check (name_kanji <> ''),
  name_kana text not null check (name_kana <> ''),
  -- 性別 as in the resident registry: 1 男, 2 女; null for a corporation.
  sex_code text check (sex_code in ('1', '2')),
  birth_date date,
  corporate_number text check (corporate_number ~ '^[0-9]{13}$'),
  postal_code text check (postal_code ~ '^[0-9]{7}$'),
  address_code text,
  address text not null check (address <> ''),
  phone text check (phone ~ '^[0-9-]{6,15}$'),
  status text not null default 'active'
    check (status in ('active', 'moved_out', 'deceased', 'whereabouts_unknown', 'dissolved')),
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (municipality_code, addressee_no),
  foreign key (municipality_code, integrated_addressee_no) references integrated_addressee,
  foreign key (municipality_code, address_code) references address_area,
  -- The four basic items (基本4情報) are complete for residents; a non-resident's may be partly
  -- unknown; a corporation has neither sex nor birth date.
  check (kind <> 'resident' or (sex_code is not null and birth_date is not null)),
  check (kind <> 'corporation' or (sex_code is null and birth_date is null)),
  check (kind = 'corporation' or corporate_number is null)
);
create index addressee_name_kana_idx on addressee (municipality_code, name_kana);
create index addressee_birth_date_idx on addressee (municipality_code, birth_date);
create index addressee_integrated_idx on addressee (municipality_code, integrated_addressee_no);
select keitax_isolate_by_municipality('addressee');

-- 納税管理人: who handles a taxpayer's taxes, and for which period.
create table tax_administrator_assignment (
  municipality_code text not null references municipality,
  taxpayer_addressee_no text not null,
  administrator_addressee_no text not null,
  valid_from date not null,
  valid_to date,
  primary key (municipality_code, taxpayer_addressee_no, valid_from),
  foreign key (municipality_code, taxpayer_addressee_no) references addressee,
  foreign key (municipality_code, administrator_addressee_no) references addressee,
  check (taxpayer_addressee_no <> administrator_addressee_no),
  check (valid_to is null or valid_to >= valid_from)
);
create index tax_administrator_assignment_administrator_idx
  on tax_administrator_assignment (municipality_code, administrator_addressee_no);
select keitax_isolate_by_municipality('tax_administrator_assignment');
