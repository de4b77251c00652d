-- The vehicle register: 軽自テーブル (vehicle, 73 items) and 軽自削除テーブル (vehicle_deleted,
-- the same 73 items). A record is named by its declaration number (申告書番号 = year + serial)
-- and versioned by generation (世代): a change writes a new generation and marks the previous
-- one superseded, so history is never lost. Deleted records move to vehicle_deleted.

-- 車種: the tax class of a vehicle, with its use where the rate depends on it. Fixed by law,
-- so shared by every municipality; the tax-rule engine owns the amounts.
create table vehicle_class (
  vehicle_class_code text primary key check (vehicle_class_code ~ '^[a-z0-9_]+$'),
  name_ja text not null,
  -- The class the tax-rule engine knows (moped_class1 … kei_four_wheel_cargo).
  tax_class text not null,
  use_code text check (use_code in ('private', 'commercial')),
  -- Where the owner declares it (seed I.1②): the city counter, 軽自動車検査協会 or 運輸支局.
  declared_at text not null check (declared_at in ('city', 'kei_inspection_association', 'transport_bureau')),
  -- Background colour of the class in history views (seed I.2 システム1 (3)).
  display_colour text not null check (display_colour ~ '^#[0-9a-f]{6}$'),
  sort_order smallint not null unique
);
revoke insert, update, delete on vehicle_class from keitax_app;

insert into vehicle_class (vehicle_class_code, name_ja, tax_class, use_code, declared_at, display_colour, sort_order) values
  ('moped_class1',                     '原動機付自転車 第一種(50cc以下等)',        'moped_class1',             null,         'city',                       '#ffffff', 10),
  ('moped_class2_otsu',                '原動機付自転車 第二種乙(90cc以下等)',      'moped_class2_otsu',        null,         'city',                       '#fff8d6', 20),
  ('moped_class2_ko',                  '原動機付自転車 第二種甲(125cc以下等)',     'moped_class2_ko',          null,         'city',                       '#fde8f0', 30),
  ('minicar',                          'ミニカー',                                 'minicar',                  null,         'city',                       '#e3f2fb', 40),
  ('small_special_farm',               '小型特殊自動車 農耕作業用',                'small_special_farm',       null,         'city',                       '#e6f5ec', 50),
  ('small_special_other',              '小型特殊自動車 その他',                    'small_special_other',      null,         'city',                       '#eef5e0', 60),
  ('kei_two_wheel',                    '軽自動車 二輪(125cc超250cc以下)',          'kei_two_wheel',            null,         'transport_bureau',           '#f1ecf9', 70),
  ('small_two_wheeler',                '二輪の小型自動車(250cc超)',                'small_two_wheeler',        null,         'transport_bureau',           '#ece8f5', 80),
  ('kei_three_wheel',                  '軽自動車 三輪',                            'kei_three_wheel',          null,         'kei_inspection_association', '#fdf0e3', 90),
  ('kei_four_wheel_passenger_commercial', '軽自動車 四輪乗用 営業用',              'kei_four_wheel_passenger', 'commercial', 'kei_inspection_association', '#f6f1e1', 100),
  ('kei_four_wheel_passenger_private', '軽自動車 四輪乗用 自家用',                 'kei_four_wheel_passenger', 'private',    'kei_inspection_association', '#f3f3f3', 110),
  ('kei_four_wheel_cargo_commercial',  '軽自動車 四輪貨物 営業用',                 'kei_four_wheel_cargo',     'commercial', 'kei_inspection_association', '#e9eef4', 120),
  ('kei_four_wheel_cargo_private',     '軽自動車 四輪貨物 自家用',                 'kei_four_wheel_cargo',     'private',    'kei_inspection_association', '#eef1f6', 130);

create table vehicle (
  municipality_code text not null references municipality,
  declaration_year smallint not null check (declaration_year between 1950 and 2200),   -- 1 申告書番号年度
  declaration_serial integer not null check (declaration_serial >= 1),                   -- 2 申告書番号連番
  deregistration_declaration_year smallint check (deregistration_declaration_year between 1950 and 2200), -- 3
  deregistration_declaration_serial integer check (deregistration_declaration_serial >= 1),             -- 4
  vehicle_class_code text not null references vehicle_class,                            -- 5 車種コード
  plate_part_1 text,                       -- 6 標識1: issuer or region (越谷市 / 越谷)
  plate_part_2 text,                       -- 7 標識2: class number and kana (580 あ)
  plate_part_3 text,                       -- 8 標識3: serial (12-34)
  generation smallint not null check (generation >= 1),                                  -- 9 世代
  owner_addressee_no text not null,       -- 10 所有者コード
  registration_reason_code text,          -- 11 登録事由
  registration_remark_1 text,             -- 12
  registration_remark_2 text,             -- 13
  registration_date date,                 -- 14 登録年月日
  registration_received_date date,        -- 15 登録受付年月日
  deregistration_reason_code text,        -- 16 廃車事由
  deregistration_remark_1 text,           -- 17
  deregistration_remark_2 text,           -- 18
  deregistration_date date,               -- 19 廃車年月日
  deregistration_received_date date,      -- 20 廃車受付年月日
  plate_return_code text check (plate_return_code in ('returned', 'lost', 'stolen', 'not_returned', 'other_city')), -- 21 返納区分
  plate_returned_date date,               -- 22 標識返納年月日
  vehicle_make_code text,                 -- 23 車名コード
  vehicle_make_name text,                 -- 24 車名2
  fuel_type_code text check (fuel_type_code in ('gasoline', 'diesel', 'lpg', 'electric', 'fuel_cell', 'natural_gas',
    'methanol', 'mixed_methanol', 'hybrid_gasoline', 'hybrid_other', 'other')), -- 25 電気区分
  displacement_cc numeric(6, 1) check (displacement_cc >= 0), -- 26 排気量
  rated_output_kw numeric(6, 2) check (rated_output_kw >= 0), -- 27 出力 (定格出力)
  -- Not a seed item: the maximum output tells a 新基準原付 (≤4.0 kW, from FY2025) from a 第二種.
  max_output_kw numeric(6, 2) check (max_output_kw >= 0),
  chassis_no text,                        -- 28 車台番号
  model_designation text,                 -- 29 型式
  model_year smallint check (model_year between 1900 and 2200), -- 30 年式
  model_type_no text,                     -- 31 型式番号 (型式指定番号・類別区分番号)
  taxation_code text not null default 'taxable'
    check (taxation_code in ('taxable', 'non_taxable', 'reduced', 'tax_hold')), -- 32 課税区分
  tax_hold_reason_code text check (tax_hold_reason_code in ('whereabouts_unknown', 'theft', 'disaster', 'bankruptcy', 'other')), -- 33 課税保留事由
  taxation_remark text,                   -- 34 課税備考
  non_taxable_start_date date,            -- 35 非開始年月日 (非課税 開始)
  non_taxable_end_date date,              -- 36 非終了年月日 (非課税 終了)
  previous_taxation_code text check (previous_taxation_code in ('taxable', 'non_taxable', 'reduced', 'tax_hold')), -- 37 前課税区分
  previous_owner_addressee_no text,       -- 38 旧所有者
  previous_owner_declaration_no text check (previous_owner_declaration_no ~ '^[0-9]{4}-[0-9]{1,8}$'), -- 39 旧所有者申告書番号
  new_owner_addressee_no text,            -- 40 新所有者
  new_owner_declaration_no text check (new_owner_declaration_no ~ '^[0-9]{4}-[0-9]{1,8}$'), -- 41 新所有者申告書番号
  previous_plate_part_1 text,              -- 42 旧標識1
  previous_plate_part_2 text,              -- 43 旧標識2
  previous_plate_part_3 text,              -- 44 旧標識3
  previous_vehicle_class_code text references vehicle_class, -- 45 旧車種コード (of the previous record)
  crime_prevention_registration_no text,  -- 46 防犯登録番号
  storage_address_code text,              -- 47 定置場住所コード
  storage_block_no text,                  -- 48 定置場番地
  storage_lot_no text,                    -- 49 定置場号
  storage_lot_sub_no text,                -- 50 定置場号枝番
  change_reason_code text,                -- 51 異動事由
  change_date date,                       -- 52 異動年月日
  prior_year_declaration_year smallint check (prior_year_declaration_year between 1950 and 2200), -- 53 過年度申告書番号年度
  prior_year_declaration_serial integer check (prior_year_declaration_serial >= 1),             -- 54 過年度申告書番号連番
  staff_no text,                          -- 55 職員番号 (who processed this generation)
  vehicle_user_kind_code text check (vehicle_user_kind_code in ('owner', 'other')), -- 56 使用者区分
  vehicle_user_addressee_no text,         -- 57 使用者コード
  storage_postcard_stopped boolean not null default false, -- 58 定置場ハガキ停止区分
  account_transfer_stopped boolean not null default false, -- 59 口座停止フラグ
  record_created_at timestamptz not null default now(),   -- 60 レコード作成日
  engine_model text,                      -- 61 動力型式 (原動機の型式)
  other_city_plate_recovery_code text check (other_city_plate_recovery_code in ('recovered', 'not_recovered')), -- 62 他市標識回収区分
  other_city_plate_recovery_no text,      -- 63 他市標識回収番号
  kei_tax_number text,                    -- 64 軽自用課税番号
  registration_office_code text,          -- 65 登録拠点コード
  change_office_code text,                -- 66 異動拠点コード
  certificate_restricted boolean not null default false, -- 67 証明制限
  change_restricted boolean not null default false,      -- 68 異動制限
  vehicle_class_changed_date date,        -- 69 車種変更日
  class_before_change_code text references vehicle_class, -- 70 旧車種 (class before a 車種変更)
  -- 71 新規検査: month of the first inspection (最初の新規検査), YYYY-MM; YYYY alone where the
  -- certificate shows only the year (counted as December, 平成26年改正法附則第14条第2項).
  first_inspection text check (first_inspection ~ '^[0-9]{4}(-(0[1-9]|1[0-2]))?$'),
  -- 72 燃費基準達成車情報: what the green special measure (グリーン化特例) is judged on.
  low_emission_4star boolean not null default false,
  fuel_efficiency_2015_pct smallint check (fuel_efficiency_2015_pct between 0 and 500),
  fuel_efficiency_2020_pct smallint check (fuel_efficiency_2020_pct between 0 and 500),
  fuel_efficiency_2030_pct smallint check (fuel_efficiency_2030_pct between 0 and 500),
  towed boolean not null default false,   -- 73 被けん引車
  -- Not a seed item: when a newer generation replaced this one (null = the current record).
  superseded_at timestamptz,
  primary key (municipality_code, declaration_year, declaration_serial, generation),
  foreign key (municipality_code, owner_addressee_no) references addressee,
  foreign key (municipality_code, previous_owner_addressee_no) references addressee,
  foreign key (municipality_code, new_owner_addressee_no) references addressee,
  foreign key (municipality_code, vehicle_user_addressee_no) references addressee,
  foreign key (municipality_code, storage_address_code) references address_area,
  foreign key (municipality_code, registration_office_code) references office,
  foreign key (municipality_code, change_office_code) references office,
  check ((deregistration_declaration_year is null) = (deregistration_declaration_serial is null)),
  check ((prior_year_declaration_year is null) = (prior_year_declaration_serial is null)),
  check (non_taxable_end_date is null or non_taxable_start_date is null or non_taxable_end_date >= non_taxable_start_date),
  check (taxation_code <> 'tax_hold' or tax_hold_reason_code is not null),
  check (vehicle_user_kind_code is distinct from 'other' or vehicle_user_addressee_no is not null)
);
-- The lookups clerks make, on current records: by declaration number, plate, chassis, owner.
create unique index vehicle_current_uq
  on vehicle (municipality_code, declaration_year, declaration_serial) where superseded_at is null;
create index vehicle_plate_idx
  on vehicle (municipality_code, plate_part_1, plate_part_2, plate_part_3) where superseded_at is null;
create index vehicle_chassis_idx on vehicle (municipality_code, chassis_no);
create index vehicle_owner_idx on vehicle (municipality_code, owner_addressee_no);
create index vehicle_user_idx on vehicle (municipality_code, vehicle_user_addressee_no)
  where vehicle_user_addressee_no is not null;
select keitax_isolate_by_municipality('vehicle');

-- 軽自削除テーブル: the same shape, plus who deleted the record, when and why.
create table vehicle_deleted (
  like vehicle including defaults including constraints,
  deleted_at timestamptz not null default now(),
  deleted_by_staff_no text not null,
  deletion_reason text not null check (deletion_reason <> ''),
  primary key (municipality_code, declaration_year, declaration_serial, generation)
);
create index vehicle_deleted_chassis_idx on vehicle_deleted (municipality_code, chassis_no);
create index vehicle_deleted_owner_idx on vehicle_deleted (municipality_code, owner_addressee_no);
select keitax_isolate_by_municipality('vehicle_deleted');
