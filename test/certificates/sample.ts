/** @module Fictional certificate facts the certificate tests render. */
import type { CertificateFacts, DeregistrationReceiptContent, PlateIssueContent, CertificateVehicle } from '../../src/certificates/model.js';

export const SAMPLE_VEHICLE: CertificateVehicle = {
  declarationNo: '2026-123',
  vehicleClassName: '原動機付自転車 第一種(50cc以下等)',
  plate: { part1: '越谷市', part2: 'あ', part3: '12-34' },
  previousPlate: { part1: '越谷市', part2: 'う', part3: '98-76' },
  owner: { name: '髙橋　太郎', address: '埼玉県越谷市越ヶ谷一丁目2番3号 架空ハイツ101号室' },
  vehicleUser: { name: '髙橋　花子', address: '埼玉県越谷市南越谷四丁目5番6号' },
  storagePlace: '埼玉県越谷市越ヶ谷一丁目2番3号',
  make: 'ホンダ',
  modelDesignation: 'AF68',
  modelYear: 2024,
  engineModel: 'AF68E',
  chassisNo: 'AF68-1234567',
  modelTypeNo: 'ABC-123',
  displacementCc: 49,
  ratedOutputKw: null,
};

export const PLATE_ISSUE: PlateIssueContent = {
  kind: 'plate_issue',
  vehicle: SAMPLE_VEHICLE,
  registration: { reason: '新規', date: '2026-04-01', receivedDate: '2026-04-02' },
};

export const DEREGISTRATION: DeregistrationReceiptContent = {
  kind: 'deregistration_receipt',
  vehicle: { ...SAMPLE_VEHICLE, owner: { name: '佐藤　一郎', address: '東京都足立区架空町一丁目2番3号' }, vehicleUser: null },
  deregistration: { reason: '譲渡', date: '2026-06-10', receivedDate: '2026-06-12', plateReturn: '返納', declarationNo: '2026-456' },
};

export const issuance = (certificateNo: string, reprintOf: string | null = null) => ({
  certificateNo,
  issuedOn: '2026-06-12',
  issuerTitle: '越谷市長',
  officeName: '北部出張所',
  reprintOf,
});

export const plateFacts = (certificateNo = '2026-000001', reprintOf: string | null = null): CertificateFacts<PlateIssueContent> => ({ ...PLATE_ISSUE, issuance: issuance(certificateNo, reprintOf) });
