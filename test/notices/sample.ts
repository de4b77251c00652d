/** @module Fake notices for the tests: one taxpayer of 越谷市 with a car, a moped and a kei truck. */
import type { NoticeData, NoticeVehicle } from '../../src/notices/model.js';

export const CAR: NoticeVehicle = {
  classLabel: '軽四輪乗用・自家用',
  plateText: '越谷 580 あ 12-34',
  chassisNo: 'JF1-1234567',
  amount: 12900,
  rateCase: 'heavyRate',
  rateReason: '初度検査 平成24年5月から13年を経過',
  reduction: null,
  differsFromLastYear: '重課の開始(前年度 10,800円)',
  inspectionCertificateStub: true,
};

export const MOPED: NoticeVehicle = {
  classLabel: '原動機付自転車(一種)',
  plateText: '越谷市 あ 567',
  chassisNo: 'AF68-7654321',
  amount: 2000,
  rateCase: 'newStandardMoped',
  rateReason: '最高出力 4.0kW以下の125cc以下',
  reduction: null,
  differsFromLastYear: null,
  inspectionCertificateStub: false,
};

export const TRUCK: NoticeVehicle = {
  classLabel: '軽四輪貨物・自家用',
  plateText: null,
  chassisNo: 'DA16T-111222',
  amount: 2500,
  rateCase: 'greenReduction',
  rateReason: '令和7年度新規検査の電気自動車',
  reduction: { label: '身体障害者等減免', amount: 0 },
  differsFromLastYear: null,
  inspectionCertificateStub: true,
};

export function notice(overrides: Partial<NoticeData> = {}): NoticeData {
  const vehicles = overrides.vehicles ?? [CAR, MOPED, TRUCK];
  return {
    municipality: {
      name: '越谷市',
      mayorTitle: '越谷市長',
      contact: { section: '市民税課 軽自動車税担当', phone: '048-963-9999', address: '越谷市越ヶ谷四丁目2番1号' },
      convenienceStoreCompanyCode: '12345',
    },
    fiscalYear: 2026,
    noticeNo: '2026000123',
    taxpayer: { addresseeNo: '000123456', name: '髙橋 太郎', mailTo: { postalCode: '343-0813', address: '越谷市越ヶ谷一丁目1番1号', name: '髙橋 太郎' } },
    issuedOn: '2026-05-11',
    dueDate: '2026-06-01',
    total: vehicles.reduce((sum, vehicle) => sum + vehicle.amount, 0),
    payment: { directDebit: false },
    reprint: false,
    ...overrides,
    vehicles,
  };
}
