-- 中間サーバー 1.情報提供等の記録等: one row per outbound query (情報照会) or inbound
-- provision (情報提供) through the information provision network (subsystem S4, C11, C12).

create table provision_record (
  municipality_code text not null references municipality,
  record_id bigint generated always as identity,
  kind text not null check (kind in ('inquiry', 'provision')),
  occurred_at timestamptz not null default now(),
  integrated_addressee_no text not null,
  -- The other information holder (情報照会者 or 情報提供者).
  counterpart text not null check (counterpart <> ''),
  -- 主務省令第2条の表 item the exchange rests on, e.g. '48'.
  legal_basis_item text not null check (legal_basis_item <> ''),
  information_item text not null check (information_item <> ''),
  result text not null check (result in ('sent', 'received', 'refused', 'awaiting_review', 'failed')),
  staff_no text,
  detail jsonb,
  primary key (municipality_code, record_id),
  foreign key (municipality_code, integrated_addressee_no) references integrated_addressee
);
create index provision_record_addressee_idx on provision_record (municipality_code, integrated_addressee_no, occurred_at);
select keitax_isolate_by_municipality('provision_record');
