import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { Problem } from '../../src/server/problem.js';
import { compareWithRegister, confirmedChanges, readCertificateFile, sameChassis, type CertificateItems } from '../../src/vehicle-imports/certificate.js';

const EXAMPLE = readFileSync(new URL('../../docs/examples/electronic-inspection-certificate.json', import.meta.url));
const example = () => JSON.parse(EXAMPLE.toString('utf8')) as { CertInfo: Record<string, string> };
const bytesOf = (json: unknown) => new TextEncoder().encode(JSON.stringify(json));
const withInfo = (changes: Record<string, string | undefined>) => {
  const file = example();
  return bytesOf({ ...file, CertInfo: { ...file.CertInfo, ...changes } });
};
const problemOf = (bytes: Uint8Array): Problem => {
  try {
    readCertificateFile(bytes);
  } catch (error) {
    if (error instanceof Problem) return error;
    throw error;
  }
  throw new Error('the file was read');
};

/** The register's record of the example's vehicle, as a clerk entered it before the certificate came. */
const REGISTER: CertificateItems = {
  plate: '越谷 580 あ 12-01',
  chassisNo: 'JF1-100001',
  vehicleClassCode: 'kei_four_wheel_passenger_private',
  makeName: 'ホンダ',
  modelDesignation: 'DBA-JF1',
  engineModel: null,
  displacementCc: 658,
  ratedOutputKw: null,
  fuelTypeCode: 'gasoline',
  firstInspection: null,
};

describe('the 車検証閲覧アプリ export (電子車検証)', () => {
  it('reads the example export: era parts with spaces, *** for a user who is the owner, litres as cc', () => {
    expect(readCertificateFile(EXAMPLE)).toEqual({
      certificateNo: '900000000001',
      items: {
        plate: '越谷 580 あ 12-01',
        chassisNo: 'JF1-100001',
        vehicleClassCode: 'kei_four_wheel_passenger_private',
        makeName: 'ホンダ',
        modelDesignation: '5BA-JF1',
        engineModel: 'S07B',
        displacementCc: 650,
        ratedOutputKw: null,
        fuelTypeCode: 'gasoline',
        firstInspection: '2026-04',
      },
      certifiedOwner: { name: '軽自\u3000太郎', address: '埼玉県越谷市越ヶ谷1丁目1番1号' },
      vehicleUser: null,
      storagePlace: null,
    });
  });

  it('reads a year alone (older certificates), the rated output of an electric kei, and a user other than the owner', () => {
    const read = readCertificateFile(
      withInfo({ FirstregistdateE: '平成', FirstregistdateY: '15', FirstregistdateM: '', FuelClass: '電気', Displacement: '47', UsernameLowLevelChar: '越谷　花子', UserAddressChar: '埼玉県越谷市大沢', UserAddressNumValue: '2-2-2', UseheadqrterChar: '埼玉県越谷市大沢2-2-2' }),
    );
    expect(read.items).toMatchObject({ firstInspection: '2003', fuelTypeCode: 'electric', ratedOutputKw: 47, displacementCc: null });
    expect(read.vehicleUser).toEqual({ name: '越谷\u3000花子', address: '埼玉県越谷市大沢2-2-2' });
    expect(read.storagePlace).toBe('埼玉県越谷市大沢2-2-2');
  });

  it('refuses what is not JSON, in Japanese', () => {
    expect(problemOf(new TextEncoder().encode('%PDF-1.7'))).toMatchObject({ status: 400, errors: [{ field: 'file', message: 'JSON として読めません' }] });
  });

  it('names every wrong field in Japanese at once', () => {
    const problem = problemOf(withInfo({ ElectCertMgNo: '', CarNo: 'ＪＦ１／１', CarKind: '普通', FirstregistdateM: '13', OwnernameLowLevelChar: '軽自\u3000太郎😀', Displacement: 'abc' }));
    expect(problem.detail).toContain('車検証閲覧アプリで出力し直してください');
    expect(problem.errors?.map((e) => e.field)).toEqual([
      'CertInfo.ElectCertMgNo',
      'CertInfo.CarNo',
      'CertInfo.CarKind',
      'CertInfo.FirstregistdateY',
      'CertInfo.Displacement',
      'CertInfo.OwnerName',
    ]);
    expect(problem.errors?.[2]?.message).toBe('軽自動車の車検証ではありません(自動車の種別: 普通)');
    expect(problem.errors?.[5]?.message).toContain('使えない文字「😀」');
  });

  it('lists each item side by side and applies only the differing items the clerk confirmed', () => {
    const certificate = readCertificateFile(EXAMPLE);
    expect(sameChassis(REGISTER, certificate)).toBe(true);
    const comparison = compareWithRegister(REGISTER, certificate);
    expect(comparison.filter((c) => c.differs).map((c) => [c.label, c.registerValue, c.certificateValue])).toEqual([
      ['型式', 'DBA-JF1', '5BA-JF1'],
      ['原動機の型式', null, 'S07B'],
      ['総排気量(cc)', 658, 650],
      ['初度検査年月', null, '2026-04'],
    ]);
    // The full-width plate on the certificate is the register's plate.
    expect(comparison.find((c) => c.item === 'plate')).toMatchObject({ differs: false });
    expect(confirmedChanges(comparison, ['firstInspection', 'engineModel'])).toEqual({ firstInspection: '2026-04', engineModel: 'S07B' });
  });

  it('refuses to confirm an item that does not differ, and tells another chassis apart', () => {
    const certificate = readCertificateFile(EXAMPLE);
    const comparison = compareWithRegister(REGISTER, certificate);
    const refusal = (() => {
      try {
        return confirmedChanges(comparison, ['makeName', 'firstInspection']);
      } catch (error) {
        return error;
      }
    })();
    expect(refusal).toBeInstanceOf(Problem);
    expect((refusal as Problem).errors).toEqual([{ field: 'confirmed.makeName', message: '車名は台帳と車検証で同じです' }]);
    expect(sameChassis({ ...REGISTER, chassisNo: 'JF1-999999' }, certificate)).toBe(false);
  });
});
