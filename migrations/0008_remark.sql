-- 軽自備考履歴テーブル: dated remarks recording each exchange with the taxpayer, many per case
-- (seed I.2 システム1 (4)).

create table remark (
  municipality_code text not null references municipality,
  remark_no integer not null check (remark_no >= 1), -- 1 ナンバー (per case)
  declaration_year smallint not null,     -- 2 申告書番号年度
  declaration_serial integer not null,    -- 3 申告書番号連番
  remark_date date not null,              -- 4 備考年月日
  body text not null check (body <> ''),  -- 5 備考
  method_code text check (method_code in ('counter', 'phone', 'mail', 'visit', 'internal', 'other')), -- 6 方法
  last_updated_staff_name text not null,  -- 7 最終更新職員
  last_updated_staff_no text not null,    -- 8 最終更新職員番号
  first_staff_name text not null,         -- 9 初回更新職員
  first_staff_no text not null,           -- 10 初回更新職員番号
  created_at timestamptz not null default now(),
  updated_at timestamptz not null default now(),
  primary key (municipality_code, declaration_year, declaration_serial, remark_no)
);
select keitax_isolate_by_municipality('remark');
