-- The levy per vehicle, year and instalment (軽自課税マスター), the collection control record
-- per notice (軽自収納管理テーブル), and plate compensation slips (軽自弁償金納付書テーブル).
-- Levies refer to the vehicle by declaration number and generation but keep no foreign key to
-- it: a levy outlives the deletion of the vehicle record it was assessed on.

create table levy (
  municipality_code text not null references municipality,
  declaration_year smallint not null,     -- 1 申告書番号年度
  declaration_serial integer not null,    -- 2 申告書番号連番
  generation smallint not null check (generation >= 1), -- 3 世代 assessed
  fiscal_year smallint not null check (fiscal_year between 2000 and 2200), -- 4 課税年度 (the year it is levied in)
  tax_year smallint not null check (tax_year between 2000 and 2200),       -- 5 年分 (the year the tax is for)
  instalment smallint not null default 1 check (instalment between 1 and 12), -- 6 期別
  notice_no text not null check (notice_no ~ '^[0-9]{1,12}$'),            -- 7 通知番号
  owner_addressee_no text not null,       -- 8 所有者コード
  original_amount integer not null check (original_amount >= 0), -- 9 当初税額
  amount integer not null check (amount >= 0),                    -- 10 税額 (current)
  change_amount integer not null default 0,                       -- 11 増減額
  paid_amount integer not null default 0 check (paid_amount >= 0),   -- 12 納付額
  unpaid_amount integer not null check (unpaid_amount >= 0),          -- 13 未納額
  refund_amount integer not null default 0 check (refund_amount >= 0), -- 14 還付額
  paid_date date,                         -- 15 収納年月日
  payment_deadline date,                  -- 16 納入期限
  stamp_no text,                          -- 17 証紙番号
  receipt_no text,                        -- 18 領収書番号
  public_notice_service boolean not null default false, -- 19 公示送達
  mismatch_flag boolean not null default false,         -- 20 不一致表示 (paid amount differs from the levy)
  vehicle_class_code text not null references vehicle_class, -- 21 車種コード
  plate_part_1 text,                       -- 22 標識1
  plate_part_2 text,                       -- 23 標識2
  plate_part_3 text,                       -- 24 標識3
  record_created_at timestamptz not null default now(), -- 25 レコード作成日
  payment_remark text,                    -- 26 収納備考
  returned_mail_code text check (returned_mail_code in ('returned', 'resent', 'public_notice')), -- 27 返戻区分
  original_due_date date,                 -- 28 当初納期限
  due_date_2 date,                        -- 29 納期限2 (due date after an extension)
  change_reason_code text,                -- 30 異動事由
  rate_case text check (rate_case in ('standard', 'old', 'heavy', 'green75', 'green50', 'green25')), -- 31 税率フラグ
  primary key (municipality_code, declaration_year, declaration_serial, fiscal_year, tax_year, instalment),
  foreign key (municipality_code, owner_addressee_no) references addressee,
  check (change_amount = amount - original_amount)
);
create index levy_notice_idx on levy (municipality_code, fiscal_year, notice_no);
create index levy_owner_idx on levy (municipality_code, owner_addressee_no, fiscal_year);
select keitax_isolate_by_municipality('levy');

create table payment_management (
  municipality_code text not null references municipality,
  declaration_year smallint not null,     -- 1 申告書番号年度
  declaration_serial integer not null,    -- 2 申告書番号連番
  plate_part_1 text,                       -- 3 標識1
  plate_part_2 text,                       -- 4 標識2
  plate_part_3 text,                       -- 5 標識3
  addressee_no text not null,             -- 6 宛名コード
  tax_item_code text not null default 'kei_vehicle_tax', -- 7 税目
  fiscal_year smallint not null,          -- 8 年度
  tax_year smallint not null,             -- 9 年分
  notice_no text not null,                -- 10 通知番号
  instalment smallint not null default 1, -- 11 期別
  returned_mail_code text check (returned_mail_code in ('returned', 'resent', 'public_notice')), -- 12 返戻区分
  original_due_date date,                 -- 13 当初納期限
  due_date date,                          -- 14 納期限
  returned_mail_date date,                -- 15 返戻日
  due_date_2 date,                        -- 16 納期限2
  record_created_at timestamptz not null default now(), -- 17 レコード作成日時
  primary key (municipality_code, fiscal_year, tax_year, notice_no, instalment, declaration_year, declaration_serial),
  foreign key (municipality_code, addressee_no) references addressee
);
create index payment_management_addressee_idx on payment_management (municipality_code, addressee_no);
create index payment_management_declaration_idx on payment_management (municipality_code, declaration_year, declaration_serial);
select keitax_isolate_by_municipality('payment_management');

create table plate_compensation (
  municipality_code text not null references municipality,
  declaration_year smallint not null,     -- 1 申告書番号年度
  declaration_serial integer not null,    -- 2 申告書番号連番
  generation smallint not null,           -- 3 世代
  tax_year smallint not null,             -- 4 年分
  owner_addressee_no text not null,       -- 5 所有者コード
  amount integer not null check (amount >= 0),                      -- 6 税額 (the fee)
  paid_amount integer not null default 0 check (paid_amount >= 0),  -- 7 納付額
  unpaid_amount integer not null check (unpaid_amount >= 0),        -- 8 未納額
  paid_date date,                         -- 9 収納年月日
  issued_date date not null,              -- 10 発布日
  slip_no text not null check (slip_no ~ '^[0-9]{1,12}$'), -- 11 納付書番号
  vehicle_class_code text not null references vehicle_class, -- 12 車種コード
  plate_part_1 text,                       -- 13 標識1
  plate_part_2 text,                       -- 14 標識2
  plate_part_3 text,                       -- 15 標識3
  record_created_at timestamptz not null default now(), -- 16 レコード作成日
  payment_remark text,                    -- 17 収納備考
  primary key (municipality_code, slip_no),
  foreign key (municipality_code, owner_addressee_no) references addressee
);
create index plate_compensation_declaration_idx on plate_compensation (municipality_code, declaration_year, declaration_serial);
select keitax_isolate_by_municipality('plate_compensation');
