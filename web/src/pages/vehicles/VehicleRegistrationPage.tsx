import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router';
import { japanToday } from '../../../../src/shared/dates.js';
import { PLATE_DESIGNS, REGISTRATION_REASONS, type DeclarationResult } from '../../../../src/vehicles/model.js';
import { fieldError, sendJson } from '../../api.js';
import { TextField } from '../../components/Field.js';
import { useSubmit } from '../../useSubmit.js';
import { ProblemNotice } from '../ProblemNotice.js';

const COUNTER_CLASSES = {
  moped_class1: '原動機付自転車 第一種',
  moped_class2_otsu: '原動機付自転車 第二種乙',
  moped_class2_ko: '原動機付自転車 第二種甲',
  minicar: 'ミニカー',
  small_special_farm: '小型特殊自動車 農耕作業用',
  small_special_other: '小型特殊自動車 その他',
} as const;

/** 新規登録: a moped or small special vehicle at the counter, its plate issued from the office's stock. */
export function VehicleRegistrationPage() {
  const navigate = useNavigate();
  const today = japanToday();
  const [form, setForm] = useState({ ownerAddresseeNo: '', vehicleClassCode: 'moped_class1', chassisNo: '', displacementCc: '', vehicleMakeName: '', storageAddressCode: '', storageBlockNo: '', registrationDate: today, registrationReasonCode: 'new', plateDesign: 'standard' });
  const { problem, busy, submit } = useSubmit();
  const set = (key: keyof typeof form) => (value: string) => setForm((f) => ({ ...f, [key]: value }));
  const select = (key: keyof typeof form, label: string, choices: Readonly<Record<string, string>>) => (
    <div className="field">
      <label className="field__label" htmlFor={`vehicle-${key}`}>
        {label}
        <span className="field__required">※必須</span>
      </label>
      <select id={`vehicle-${key}`} className="input" value={form[key]} onChange={(e) => set(key)(e.target.value)}>
        {Object.entries(choices).map(([code, name]) => (
          <option key={code} value={code}>
            {name}
          </option>
        ))}
      </select>
    </div>
  );

  async function save(event: FormEvent) {
    event.preventDefault();
    let saved: DeclarationResult | undefined;
    const ok = await submit(async () => {
      saved = await sendJson<DeclarationResult>('POST', '/api/v1/vehicles', {
        receivedDate: today,
        owner: { addresseeNo: form.ownerAddresseeNo },
        registrationReasonCode: form.registrationReasonCode,
        registrationDate: form.registrationDate,
        plateDesign: form.plateDesign,
        particulars: {
          vehicleClassCode: form.vehicleClassCode,
          chassisNo: form.chassisNo,
          ...(form.displacementCc ? { displacementCc: Number(form.displacementCc.normalize('NFKC')) } : {}),
          ...(form.vehicleMakeName ? { vehicleMakeName: form.vehicleMakeName } : {}),
          ...(form.vehicleClassCode.startsWith('moped') ? { wheels: 2 } : {}),
        },
        storagePlace: { storageAddressCode: form.storageAddressCode, ...(form.storageBlockNo ? { storageBlockNo: form.storageBlockNo } : {}) },
      });
    });
    if (ok && saved) navigate(`/vehicles/${saved.declarationNo}`);
  }

  return (
    <>
      <h1>新規登録(標識の交付)</h1>
      <p>所有者は、宛名の検索(基本4情報)で確かめた宛名番号で指定します。住登外の方は先に宛名を登録してください。</p>
      <form onSubmit={save} noValidate className="panel" aria-label="新規登録">
        {problem && <ProblemNotice problem={problem} />}
        <div className="form-grid">
          <TextField id="vehicle-owner" label="所有者の宛名番号" required inputMode="numeric" value={form.ownerAddresseeNo} onChange={set('ownerAddresseeNo')} error={fieldError(problem, 'owner.addresseeNo') ?? fieldError(problem, 'owner')} />
          {select('vehicleClassCode', '車種', COUNTER_CLASSES)}
          {select('registrationReasonCode', '登録事由', REGISTRATION_REASONS)}
          {select('plateDesign', '標識のデザイン', PLATE_DESIGNS)}
          <TextField id="vehicle-chassisNo" label="車台番号" required hint="例: AF68-1234567" value={form.chassisNo} onChange={set('chassisNo')} error={fieldError(problem, 'particulars.chassisNo')} />
          <TextField id="vehicle-displacementCc" label="総排気量(cc)" inputMode="numeric" value={form.displacementCc} onChange={set('displacementCc')} error={fieldError(problem, 'particulars.displacementCc')} />
          <TextField id="vehicle-make" label="車名" value={form.vehicleMakeName} onChange={set('vehicleMakeName')} maxLength={40} error={fieldError(problem, 'particulars.vehicleMakeName')} />
          <TextField id="vehicle-storage" label="定置場の住所コード" required inputMode="numeric" value={form.storageAddressCode} onChange={set('storageAddressCode')} error={fieldError(problem, 'storagePlace.storageAddressCode')} />
          <TextField id="vehicle-storageBlock" label="定置場の番地" value={form.storageBlockNo} onChange={set('storageBlockNo')} maxLength={20} error={fieldError(problem, 'storagePlace.storageBlockNo')} />
          <TextField id="vehicle-registrationDate" label="登録年月日" required hint="例: R8.12.2、2026-12-02" value={form.registrationDate} onChange={set('registrationDate')} error={fieldError(problem, 'registrationDate')} />
        </div>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? '登録しています…' : '登録して標識を交付する'}
        </button>
      </form>
    </>
  );
}
