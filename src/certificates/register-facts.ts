/**
 * @module What a certificate prints, from the vehicle register: the record through the register's
 * front door (findCurrentVehicle, which gives the owner and user through the addressee
 * register), its codes worded by the register's own labels, the storage place written out with
 * its town area's name. What the register does not hold is left out of the certificate; what a
 * certificate cannot do without (a chassis number, a registration date, a deregistration for a
 * receipt) is a problem the clerk can act on.
 */
import { townNameOf } from '../addressees/service.js';
import type { CityTransaction } from '../db/database.js';
import { municipalityIn } from '../municipality/service.js';
import { Problem } from '../server/problem.js';
import { DEREGISTRATION_REASONS, PLATE_RETURNS, REGISTRATION_REASONS, type CurrentVehicle, type PersonDisplay } from '../vehicles/model.js';
import { findCurrentVehicle } from '../vehicles/service.js';
import type { CertificateRequestKind, CertificateSource, CertificateVehicle, Party, Plate } from './model.js';

const labelOf = <Labels extends Record<string, string>>(labels: Labels, code: string | null): string | null =>
  code === null ? null : (labels[code as keyof Labels] ?? labels['other' as keyof Labels] ?? code);

function plateOf(part1: string | null, part2: string | null, part3: string | null): Plate | null {
  return part1 && part3 ? { part1, part2: part2 ?? '', part3 } : null;
}

const partyOf = (person: PersonDisplay): Party => ({ name: person.nameKanji, address: person.address });

/** 主たる定置場 as an address: 埼玉県越谷市越ヶ谷1234-5. */
async function storagePlaceOf(trx: CityTransaction, municipalityCode: string, vehicle: CurrentVehicle): Promise<string | null> {
  if (!vehicle.storageAddressCode) return null;
  const [municipality, town] = await Promise.all([municipalityIn(trx, municipalityCode), townNameOf(trx, vehicle.storageAddressCode)]);
  const number = [vehicle.storageBlockNo, vehicle.storageLotNo, vehicle.storageLotSubNo].filter(Boolean).join('-');
  return `${municipality?.prefecture ?? ''}${municipality?.name ?? ''}${town ?? ''}${number}` || null;
}

function cannotCertify(vehicle: CurrentVehicle, why: string): Problem {
  return Problem.conflict(`申告書番号 ${vehicle.declarationNo} の車両は${why}`);
}

async function certificateVehicleOf(trx: CityTransaction, municipalityCode: string, vehicle: CurrentVehicle): Promise<CertificateVehicle> {
  const { owner, vehicleUser } = vehicle;
  if (!vehicle.chassisNo) throw cannotCertify(vehicle, '車台番号が登録されていないため、証明書を発行できません。先に車台番号を登録してください。');
  return {
    declarationNo: vehicle.declarationNo,
    vehicleClassName: vehicle.vehicleClass.nameJa,
    plate: plateOf(vehicle.platePart1, vehicle.platePart2, vehicle.platePart3),
    previousPlate: plateOf(vehicle.previousPlatePart1, vehicle.previousPlatePart2, vehicle.previousPlatePart3),
    owner: partyOf(owner),
    vehicleUser: vehicleUser && vehicleUser.addresseeNo !== owner.addresseeNo ? partyOf(vehicleUser) : null,
    storagePlace: await storagePlaceOf(trx, municipalityCode, vehicle),
    make: vehicle.vehicleMakeName,
    modelDesignation: vehicle.modelDesignation,
    modelYear: vehicle.modelYear,
    engineModel: vehicle.engineModel,
    chassisNo: vehicle.chassisNo,
    modelTypeNo: vehicle.modelTypeNo,
    displacementCc: vehicle.displacementCc,
    ratedOutputKw: vehicle.ratedOutputKw,
  };
}

async function plateIssueSource(trx: CityTransaction, municipalityCode: string, vehicle: CurrentVehicle): Promise<CertificateSource> {
  if (vehicle.state !== 'current') throw cannotCertify(vehicle, '廃車または名義変更済みのため、標識交付証明書は発行できません。廃車申告受付書を選んでください。');
  if (!vehicle.platePart1 || !vehicle.platePart3) throw cannotCertify(vehicle, '標識が交付されていないため、標識交付証明書は発行できません。');
  if (!vehicle.registrationDate) throw cannotCertify(vehicle, '登録年月日が登録されていないため、標識交付証明書は発行できません。先に登録年月日を登録してください。');
  return {
    content: {
      kind: 'plate_issue',
      vehicle: await certificateVehicleOf(trx, municipalityCode, vehicle),
      registration: { reason: labelOf(REGISTRATION_REASONS, vehicle.registrationReasonCode) ?? '新規', date: vehicle.registrationDate, receivedDate: vehicle.registrationReceivedDate },
    },
    certificateRestricted: vehicle.certificateRestricted,
  };
}

async function deregistrationReceiptSource(trx: CityTransaction, municipalityCode: string, vehicle: CurrentVehicle): Promise<CertificateSource> {
  if (!vehicle.deregistrationDate) throw cannotCertify(vehicle, '廃車の申告を受け付けていないため、廃車申告受付書は発行できません。');
  return {
    content: {
      kind: 'deregistration_receipt',
      vehicle: await certificateVehicleOf(trx, municipalityCode, vehicle),
      deregistration: {
        reason: labelOf(DEREGISTRATION_REASONS, vehicle.deregistrationReasonCode) ?? 'その他',
        date: vehicle.deregistrationDate,
        receivedDate: vehicle.deregistrationReceivedDate ?? vehicle.deregistrationDate,
        plateReturn: labelOf(PLATE_RETURNS, vehicle.plateReturnCode),
        declarationNo: vehicle.deregistrationDeclarationNo,
      },
    },
    certificateRestricted: vehicle.certificateRestricted,
  };
}

async function vehicleOrNotFound(trx: CityTransaction, declarationNo: string): Promise<CurrentVehicle> {
  const vehicle = await findCurrentVehicle(trx, declarationNo);
  if (!vehicle) throw Problem.notFound(`申告書番号 ${declarationNo} の車両は登録されていません。申告書番号を確かめてください。`);
  return vehicle;
}

/**
 * The certificates a request asks for a vehicle of the register. For an owner change (名義変更),
 * either declaration number will do: the new owner's record names the old one and the old one
 * the new, and the new owner's 標識交付証明書 comes first.
 */
export async function certificateSources(trx: CityTransaction, municipalityCode: string, declarationNo: string, kind: CertificateRequestKind): Promise<CertificateSource[]> {
  const vehicle = await vehicleOrNotFound(trx, declarationNo);
  if (kind === 'plate_issue') return [await plateIssueSource(trx, municipalityCode, vehicle)];
  if (kind === 'deregistration_receipt') return [await deregistrationReceiptSource(trx, municipalityCode, vehicle)];
  const [newOwner, previousOwner] = vehicle.newOwnerDeclarationNo
    ? [await vehicleOrNotFound(trx, vehicle.newOwnerDeclarationNo), vehicle]
    : vehicle.previousOwnerDeclarationNo
      ? [vehicle, await vehicleOrNotFound(trx, vehicle.previousOwnerDeclarationNo)]
      : [];
  if (!newOwner || !previousOwner) throw cannotCertify(vehicle, '名義変更の記録がないため、名義変更の証明書は発行できません。標識交付証明書か廃車申告受付書を選んでください。');
  return [await plateIssueSource(trx, municipalityCode, newOwner), await deregistrationReceiptSource(trx, municipalityCode, previousOwner)];
}
