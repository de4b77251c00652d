-- 軽自減免テーブル: reductions (減免) for persons with disabilities and the like, per vehicle.
-- One row per reduction case, from its first application year (初回受付年度).

create table reduction (
  municipality_code text not null references municipality,
  declaration_year smallint not null,     -- 1 申告書番号年度
  declaration_serial integer not null,    -- 2 申告書番号連番
  taxation_code text check (taxation_code in ('taxable', 'non_taxable', 'reduced', 'tax_hold')), -- 3 課税区分
  use_purpose_code text check (use_purpose_code in ('commuting', 'schooling', 'hospital', 'livelihood', 'other')), -- 4 使用目的区分
  use_purpose_remark text,                -- 5 使用目的備考
  first_received_fiscal_year smallint not null check (first_received_fiscal_year between 2000 and 2200), -- 6 初回受付年度
  disabled_person_addressee_no text,      -- 7 身体障害者コード
  driver_addressee_no text,               -- 8 運転者コード
  application_form_printed boolean not null default false, -- 9 減免申請書出力フラグ
  memo text,                              -- 10 メモ欄
  change_date date,                       -- 11 異動年月日
  relation_to_taxpayer_code text check (relation_to_taxpayer_code in ('self', 'same_household', 'carer', 'other')), -- 12 納税義務者との続柄区分
  relation_to_taxpayer text,              -- 13 納税義務者との続柄
  booklet_type_code text check (booklet_type_code in ('physical', 'war_injury', 'rehabilitation', 'mental')), -- 14 手帳の種類
  booklet_prefecture text,                -- 15 手帳都道府県名
  booklet_no text,                        -- 16 手帳記号番号
  booklet_issued_date date,               -- 17 手帳交付年月日
  disability_category_code text,          -- 18 障害の区分
  disability_category_remark text,        -- 19 障害区分備考
  disability_grade text,                  -- 20 障害の級別等
  relation_to_disabled_code text check (relation_to_disabled_code in ('self', 'same_household', 'carer', 'other')), -- 21 障害者との続柄区分
  relation_to_disabled text,              -- 22 障害者との続柄
  licence_no text check (licence_no ~ '^[0-9]{12}$'), -- 23 免許証番号
  licence_type text,                      -- 24 免許の種類
  licence_issued_date date,               -- 25 免許交付年月日
  licence_expiry_date date,               -- 26 免許有効期限
  licence_conditions text,                -- 27 免許の条件
  vehicle_class_code text references vehicle_class, -- 28 車種コード
  plate_part_1 text,                       -- 29 標識1
  plate_part_2 text,                       -- 30 標識2
  plate_part_3 text,                       -- 31 標識3
  owner_addressee_no text not null,       -- 32 所有者コード
  record_created_at timestamptz not null default now(), -- 33 レコード作成日
  updated_at timestamptz not null default now(),        -- 34 更新日
  tax_hold_code text check (tax_hold_code in ('whereabouts_unknown', 'theft', 'disaster', 'bankruptcy', 'other')), -- 35 課税保留区分
  reduction_code text check (reduction_code in ('full', 'partial', 'rejected', 'withdrawn')), -- 36 減免区分
  decision_no text,                       -- 37 減免決定番号
  usage_code text,                        -- 38 用途
  usage_remark text,                      -- 39 用途備考
  body_shape_code text,                   -- 40 形状
  body_shape_remark text,                 -- 41 形状備考
  primary key (municipality_code, declaration_year, declaration_serial, first_received_fiscal_year),
  foreign key (municipality_code, owner_addressee_no) references addressee,
  foreign key (municipality_code, disabled_person_addressee_no) references addressee,
  foreign key (municipality_code, driver_addressee_no) references addressee,
  check (licence_expiry_date is null or licence_issued_date is null or licence_expiry_date >= licence_issued_date)
);
create unique index reduction_decision_no_uq on reduction (municipality_code, decision_no) where decision_no is not null;
create index reduction_disabled_person_idx on reduction (municipality_code, disabled_person_addressee_no);
select keitax_isolate_by_municipality('reduction');
