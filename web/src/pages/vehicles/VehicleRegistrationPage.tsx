/**
 * @module 新規登録: a moped or small special vehicle at the counter, the owner found by the four basic
 * items or registered on the spot as a non-resident, its plate issued from the stock of the
 * clerk's own office (the standard plate or the city's design).
 */
import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import type { Inventory } from '../../../../src/plates/model.js';
import { japanToday } from '../../../../src/shared/dates.js';
import { REGISTRATION_REASONS, type DeclarationResult } from '../../../../src/vehicles/model.js';
import { fieldError, sendJson } from '../../api.js';
import { DateField } from '../../components/DateField.js';
import { TextField } from '../../components/Field.js';
import { OwnerPicker, type OwnerBody } from '../../components/OwnerPicker.js';
import { useSession } from '../../session.js';
import { useApi } from '../../useApi.js';
import { useSubmit } from '../../useSubmit.js';
import { SelectField } from '../addressees/common.js';
import { ProblemNotice } from '../ProblemNotice.js';
import { CLASS_CHOICES, numberOrText, PlateDesignField } from './common.js';
import { StoragePlaceFields, storagePlaceBody, type StoragePlace } from './declarations.js';

export function VehicleRegistrationPage() {
  const navigate = useNavigate();
  const { current } = useSession();
  const officeCode = current.state === 'signed-in' ? current.session.officeCode : null;
  const stock = useApi<Inventory>(`/api/v1/plates/inventory${officeCode ? `?officeCode=${officeCode}` : ''}`);
  const today = japanToday();
  const [form, setForm] = useState({ vehicleClassCode: 'moped_class1', chassisNo: '', displacementCc: '', vehicleMakeName: '', modelDesignation: '', registrationDate: today, receivedDate: today, registrationReasonCode: 'new', plateDesign: 'standard' });
  const [owner, setOwner] = useState<OwnerBody | null>(null);
  const [place, setPlace] = useState<StoragePlace>({ storageAddressCode: '', storageBlockNo: '', storageLotNo: '' });
  const { problem, busy, submit } = useSubmit();
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const designSeries = stock.state === 'ready' ? stock.data.designSeries : [];
  const officeName = stock.state === 'ready' ? stock.data.offices.find((o) => o.officeCode === officeCode)?.name : undefined;

  async function save(event: FormEvent) {
    event.preventDefault();
    let saved: DeclarationResult | undefined;
    const ok = await submit(async () => {
      saved = await sendJson<DeclarationResult>('POST', '/api/v1/vehicles', {
        receivedDate: form.receivedDate,
        ...(owner ? { owner } : {}),
        registrationReasonCode: form.registrationReasonCode,
        registrationDate: form.registrationDate,
        plateDesign: designSeries.some((s) => s.vehicleClassCode === form.vehicleClassCode) ? form.plateDesign : 'standard',
        particulars: {
          vehicleClassCode: form.vehicleClassCode,
          chassisNo: form.chassisNo,
          ...(form.displacementCc ? { displacementCc: numberOrText(form.displacementCc) } : {}),
          ...(form.vehicleMakeName ? { vehicleMakeName: form.vehicleMakeName } : {}),
          ...(form.modelDesignation ? { modelDesignation: form.modelDesignation } : {}),
          ...(form.vehicleClassCode.startsWith('moped') ? { wheels: 2 } : {}),
        },
        storagePlace: storagePlaceBody(place),
      });
    });
    if (ok && saved) navigate(`/vehicles/${saved.declarationNo}`);
  }

  return (
    <>
      <h1>新規登録(標識の交付)</h1>
      <p>
        受付拠点: <strong data-testid="receiving-office">{officeName ?? '(所属拠点)'}</strong>。標識はこの拠点の在庫の最も小さい番号を交付します。
      </p>
      <form onSubmit={save} noValidate className="panel" aria-label="新規登録">
        {problem && <ProblemNotice problem={problem} />}
        <OwnerPicker id="registration-owner" path="owner" problem={problem} onChange={setOwner} />
        <div className="form-grid">
          <SelectField id="vehicle-vehicleClassCode" label="車種" required value={form.vehicleClassCode} options={Object.entries(CLASS_CHOICES)} onChange={set('vehicleClassCode')} error={fieldError(problem, 'particulars.vehicleClassCode')} />
          <SelectField id="vehicle-registrationReasonCode" label="登録事由" required value={form.registrationReasonCode} options={Object.entries(REGISTRATION_REASONS)} onChange={set('registrationReasonCode')} error={fieldError(problem, 'registrationReasonCode')} />
          <PlateDesignField id="vehicle-plateDesign" vehicleClassCode={form.vehicleClassCode} designSeries={designSeries} value={form.plateDesign} onChange={set('plateDesign')} error={fieldError(problem, 'plateDesign')} />
          <TextField id="vehicle-chassisNo" label="車台番号" required hint="例: AF68-1234567" value={form.chassisNo} onChange={set('chassisNo')} error={fieldError(problem, 'particulars.chassisNo')} />
          <TextField id="vehicle-displacementCc" label="総排気量(cc)" inputMode="numeric" value={form.displacementCc} onChange={set('displacementCc')} error={fieldError(problem, 'particulars.displacementCc')} />
          <TextField id="vehicle-make" label="車名" value={form.vehicleMakeName} onChange={set('vehicleMakeName')} maxLength={40} error={fieldError(problem, 'particulars.vehicleMakeName')} />
          <TextField id="vehicle-model" label="型式" value={form.modelDesignation} onChange={set('modelDesignation')} maxLength={40} error={fieldError(problem, 'particulars.modelDesignation')} />
          <StoragePlaceFields id="vehicle-storage" value={place} onChange={setPlace} problem={problem} path="storagePlace" />
          <DateField id="vehicle-registrationDate" label="登録年月日" required value={form.registrationDate} onChange={set('registrationDate')} error={fieldError(problem, 'registrationDate')} />
          <DateField id="vehicle-receivedDate" label="受付日" required value={form.receivedDate} onChange={set('receivedDate')} error={fieldError(problem, 'receivedDate')} />
        </div>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? '登録しています…' : '登録して標識を交付する'}
        </button>
      </form>
    </>
  );
}
