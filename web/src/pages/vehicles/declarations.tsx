/**
 * @module The counter's declarations on a vehicle (名義変更, 廃車, 職権廃車, 税止め, 定置場・住所の変更,
 * 車種変更, 標識の再交付, 誤登録の削除): each a folded form that sends the generation the screen
 * shows, and on a 409 for a stale generation says who changed it when and offers to reload.
 */
import { useState, type FormEvent, type ReactNode } from 'react';
import { useNavigate } from 'react-router';
import { japanToday } from '../../../../src/shared/dates.js';
import { PLATE_REISSUE_REASONS, PLATE_RETURNS, type CurrentVehicle, type DeclarationResult } from '../../../../src/vehicles/model.js';
import { fieldError, sendJson, type Problem } from '../../api.js';
import { DateField } from '../../components/DateField.js';
import { Field, TextField } from '../../components/Field.js';
import { OwnerPicker, type OwnerBody } from '../../components/OwnerPicker.js';
import { useSubmit } from '../../useSubmit.js';
import { SelectField } from '../addressees/common.js';
import { ProblemNotice } from '../ProblemNotice.js';
import { CLASS_CHOICES, numberOrText, particularsOf, PlateDesignField, type DesignSeries } from './common.js';

const options = (choices: Readonly<Record<string, string>>): [string, string][] => Object.entries(choices);
const DEREGISTRATION_CHOICES = { scrapped: '廃棄', transferred: '譲渡', moved_out: '転出', stolen: '盗難', other: 'その他' } as const;
const EX_OFFICIO_PLATE_RETURNS = { not_returned: PLATE_RETURNS.not_returned, lost: PLATE_RETURNS.lost, returned: PLATE_RETURNS.returned } as const;
const STORAGE_REASONS = { storage_change: '定置場変更', address_change: '住所変更' } as const;

/** A problem saying the record changed after the screen showed it. */
const isStale = (problem: Problem | null) => problem?.status === 409 && problem.errors?.some((e) => e.field === 'generation') === true;

export interface DeclarationProps {
  vehicle: CurrentVehicle;
  /** The record changed: read it again (or go to the record the declaration wrote). */
  onDone(result: DeclarationResult): void;
  onReload(): void;
  designSeries?: DesignSeries[];
}

interface DeclarationFormProps extends DeclarationProps {
  title: string;
  /** The route under /api/v1/vehicles/:declarationNo/. */
  path: string;
  /** The label of the date of the event (異動年月日, 廃車年月日 …). */
  dateLabel: string;
  submitLabel: string;
  /** What the declaration adds to the generation and dates. */
  body(changeDate: string): Record<string, unknown>;
  children(problem: Problem | null): ReactNode;
}

/** One declaration: the dates every change carries, the generation shown, the 409 with a reload. */
function DeclarationForm({ vehicle, onDone, onReload, title, path, dateLabel, submitLabel, body, children }: DeclarationFormProps) {
  const [changeDate, setChangeDate] = useState(japanToday());
  const [receivedDate, setReceivedDate] = useState(japanToday());
  const { problem, busy, submit } = useSubmit();
  const id = path;
  async function save(event: FormEvent) {
    event.preventDefault();
    let result: DeclarationResult | undefined;
    const ok = await submit(async () => {
      result = await sendJson<DeclarationResult>('POST', `/api/v1/vehicles/${vehicle.declarationNo}/${path}`, { generation: vehicle.generation, changeDate, receivedDate, ...body(changeDate) });
    });
    if (ok && result) onDone(result);
  }
  return (
    <details className="panel">
      <summary>{title}</summary>
      <form onSubmit={save} noValidate aria-label={title}>
        {problem && <ProblemNotice problem={problem} />}
        {isStale(problem) && (
          <button type="button" className="button button--secondary" onClick={onReload}>
            最新の内容を読み込む
          </button>
        )}
        <div className="form-grid">
          <DateField id={`${id}-changeDate`} label={dateLabel} required value={changeDate} onChange={setChangeDate} error={fieldError(problem, 'changeDate')} />
          <DateField id={`${id}-receivedDate`} label="受付日" required value={receivedDate} onChange={setReceivedDate} error={fieldError(problem, 'receivedDate')} />
          {children(problem)}
        </div>
        <button type="submit" className="button button--primary" disabled={busy}>
          {busy ? '登録しています…' : submitLabel}
        </button>
      </form>
    </details>
  );
}

/** A text of several lines, with the field's label, hint and error. */
export function TextAreaField({ id, label, value, onChange, required = false, error }: { id: string; label: string; value: string; onChange(value: string): void; required?: boolean; error?: string | undefined }) {
  return (
    <Field id={id} label={label} required={required} error={error}>
      {(describedBy, invalid) => <textarea id={id} className="input" rows={3} value={value} onChange={(e) => onChange(e.target.value)} aria-describedby={describedBy} aria-invalid={invalid || undefined} />}
    </Field>
  );
}

function Checkbox({ id, label, checked, onChange }: { id: string; label: string; checked: boolean; onChange(checked: boolean): void }) {
  return (
    <label className="checkbox" htmlFor={id}>
      <input id={id} type="checkbox" checked={checked} onChange={(e) => onChange(e.target.checked)} /> {label}
    </label>
  );
}

/** 名義変更: the new owner found by the four basic items or registered on the spot; the screen moves to the new owner's record. */
export function OwnerChangeForm(props: DeclarationProps) {
  const [newOwner, setNewOwner] = useState<OwnerBody | null>(null);
  return (
    <DeclarationForm {...props} title="名義変更" path="owner-change" dateLabel="異動年月日" submitLabel="名義変更を登録する" body={() => (newOwner ? { newOwner } : {})}>
      {(problem) => <OwnerPicker id="owner-change-owner" path="newOwner" problem={problem} onChange={setNewOwner} />}
    </DeclarationForm>
  );
}

/** 廃車 at the counter or by post (the nationwide common form, the fee by postal money order). */
export function DeregistrationForm(props: DeclarationProps) {
  const [reason, setReason] = useState('scrapped');
  const [plateReturn, setPlateReturn] = useState('returned');
  const [returnedDate, setReturnedDate] = useState('');
  const [byPost, setByPost] = useState(false);
  const [moneyOrderNo, setMoneyOrderNo] = useState('');
  const [remark, setRemark] = useState('');
  const body = (changeDate: string) => ({
    deregistrationReasonCode: reason,
    plateReturnCode: plateReturn,
    ...(plateReturn === 'returned' ? { plateReturnedDate: returnedDate || changeDate } : {}),
    ...(byPost ? { byPost, ...(moneyOrderNo ? { postalMoneyOrderNo: moneyOrderNo } : {}) } : {}),
    ...(remark ? { deregistrationRemark1: remark } : {}),
  });
  return (
    <DeclarationForm {...props} title="廃車" path="deregistration" dateLabel="廃車年月日" submitLabel="廃車を登録する" body={body}>
      {(problem) => (
        <>
          <SelectField id="dereg-reason" label="廃車事由" required value={reason} options={options(DEREGISTRATION_CHOICES)} onChange={setReason} error={fieldError(problem, 'deregistrationReasonCode')} />
          <SelectField id="dereg-plate" label="標識の返納" required value={plateReturn} options={options(PLATE_RETURNS)} onChange={setPlateReturn} error={fieldError(problem, 'plateReturnCode')} />
          {plateReturn === 'returned' && <DateField id="dereg-returnedDate" label="標識返納年月日" hint="空欄なら廃車年月日" value={returnedDate} onChange={setReturnedDate} error={fieldError(problem, 'plateReturnedDate')} />}
          <Checkbox id="dereg-byPost" label="郵送による申告(全国共通様式)" checked={byPost} onChange={setByPost} />
          {byPost && <TextField id="dereg-moneyOrder" label="定額小為替の番号" value={moneyOrderNo} onChange={setMoneyOrderNo} maxLength={20} error={fieldError(problem, 'postalMoneyOrderNo')} />}
          <TextField id="dereg-remark" label="廃車備考" value={remark} onChange={setRemark} maxLength={100} error={fieldError(problem, 'deregistrationRemark1')} />
        </>
      )}
    </DeclarationForm>
  );
}

/** 職権廃車: the city's own decision, with the investigation that supports it. */
export function ExOfficioDeregistrationForm(props: DeclarationProps) {
  const [investigation, setInvestigation] = useState('');
  const [plateReturn, setPlateReturn] = useState('not_returned');
  return (
    <DeclarationForm {...props} title="職権廃車" path="ex-officio-deregistration" dateLabel="廃車年月日" submitLabel="職権廃車を登録する" body={() => ({ investigation, plateReturnCode: plateReturn })}>
      {(problem) => (
        <>
          <TextAreaField id="exofficio-investigation" label="調査の記録" required value={investigation} onChange={setInvestigation} error={fieldError(problem, 'investigation')} />
          <SelectField id="exofficio-plate" label="標識の返納" required value={plateReturn} options={options(EX_OFFICIO_PLATE_RETURNS)} onChange={setPlateReturn} error={fieldError(problem, 'plateReturnCode')} />
        </>
      )}
    </DeclarationForm>
  );
}

/** 税止め: another city's copy of the declaration shows the vehicle kept there now. */
export function TaxStopForm(props: DeclarationProps) {
  const [cityName, setCityName] = useState('');
  const [cityDeclarationNo, setCityDeclarationNo] = useState('');
  return (
    <DeclarationForm {...props} title="税止め" path="tax-stop" dateLabel="異動年月日" submitLabel="税止めを登録する" body={() => ({ otherCityName: cityName, ...(cityDeclarationNo ? { otherCityDeclarationNo: cityDeclarationNo } : {}) })}>
      {(problem) => (
        <>
          <TextField id="taxstop-city" label="転出先の市区町村" required maxLength={40} value={cityName} onChange={setCityName} error={fieldError(problem, 'otherCityName')} />
          <TextField id="taxstop-declarationNo" label="転出先の申告書番号" value={cityDeclarationNo} onChange={setCityDeclarationNo} maxLength={30} error={fieldError(problem, 'otherCityDeclarationNo')} />
        </>
      )}
    </DeclarationForm>
  );
}

/** The storage place's fields, shared by the registration and the change of storage place. */
export function StoragePlaceFields({ id, value, onChange, problem, path }: { id: string; value: StoragePlace; onChange(value: StoragePlace): void; problem: Problem | null; path: string }) {
  const set = (key: keyof StoragePlace) => (v: string) => onChange({ ...value, [key]: v });
  return (
    <>
      <TextField id={`${id}-addressCode`} label="定置場の住所コード" required inputMode="numeric" value={value.storageAddressCode} onChange={set('storageAddressCode')} error={fieldError(problem, `${path}.storageAddressCode`)} />
      <TextField id={`${id}-blockNo`} label="定置場の番地" maxLength={20} value={value.storageBlockNo} onChange={set('storageBlockNo')} error={fieldError(problem, `${path}.storageBlockNo`)} />
      <TextField id={`${id}-lotNo`} label="定置場の号" maxLength={20} value={value.storageLotNo} onChange={set('storageLotNo')} error={fieldError(problem, `${path}.storageLotNo`)} />
    </>
  );
}
export interface StoragePlace {
  storageAddressCode: string;
  storageBlockNo: string;
  storageLotNo: string;
}
/** The storage place as the API takes it: blanks left out. */
export const storagePlaceBody = (place: StoragePlace) => Object.fromEntries(Object.entries(place).filter(([, v]) => v.trim() !== ''));

/** 定置場・住所の変更. */
export function StorageChangeForm(props: DeclarationProps) {
  const [reason, setReason] = useState('storage_change');
  const [place, setPlace] = useState<StoragePlace>({ storageAddressCode: props.vehicle.storageAddressCode ?? '', storageBlockNo: props.vehicle.storageBlockNo ?? '', storageLotNo: props.vehicle.storageLotNo ?? '' });
  return (
    <DeclarationForm {...props} title="定置場・住所の変更" path="storage-change" dateLabel="異動年月日" submitLabel="変更を登録する" body={() => ({ reason, storagePlace: storagePlaceBody(place) })}>
      {(problem) => (
        <>
          <SelectField id="storage-reason" label="異動事由" required value={reason} options={options(STORAGE_REASONS)} onChange={setReason} error={fieldError(problem, 'reason')} />
          <StoragePlaceFields id="storage" value={place} onChange={setPlace} problem={problem} path="storagePlace" />
        </>
      )}
    </DeclarationForm>
  );
}

/** 車種変更: the new class with its measurements; the old plate comes back, one of the new class is issued. */
export function ClassChangeForm(props: DeclarationProps) {
  const { vehicle } = props;
  const [classCode, setClassCode] = useState(Object.keys(CLASS_CHOICES).find((code) => code !== vehicle.vehicleClassCode) ?? '');
  const [displacement, setDisplacement] = useState(vehicle.displacementCc?.toString() ?? '');
  const [wheels, setWheels] = useState(vehicle.wheels?.toString() ?? '');
  const [design, setDesign] = useState('standard');
  const body = () => ({
    plateDesign: design,
    particulars: { ...particularsOf(vehicle), vehicleClassCode: classCode, displacementCc: numberOrText(displacement), wheels: numberOrText(wheels) },
  });
  return (
    <DeclarationForm {...props} title="車種変更" path="class-change" dateLabel="異動年月日" submitLabel="車種変更を登録する" body={body}>
      {(problem) => (
        <>
          <SelectField id="class-change-class" label="新しい車種" required value={classCode} options={options(CLASS_CHOICES)} onChange={setClassCode} error={fieldError(problem, 'particulars.vehicleClassCode')} />
          <TextField id="class-change-displacement" label="総排気量(cc)" inputMode="numeric" value={displacement} onChange={setDisplacement} error={fieldError(problem, 'particulars.displacementCc')} />
          <TextField id="class-change-wheels" label="車輪の数" inputMode="numeric" value={wheels} onChange={setWheels} error={fieldError(problem, 'particulars.wheels')} />
          <PlateDesignField id="class-change-design" vehicleClassCode={classCode} designSeries={props.designSeries ?? []} value={design} onChange={setDesign} error={fieldError(problem, 'plateDesign')} />
        </>
      )}
    </DeclarationForm>
  );
}

/** 標識の再交付: lost, damaged or stolen; the compensation slip (弁償金納付書) appears on the vehicle once made. */
export function PlateReissueForm(props: DeclarationProps) {
  const [reason, setReason] = useState('lost');
  const [design, setDesign] = useState('standard');
  const [theftReportShown, setTheftReportShown] = useState(false);
  const body = () => ({ reissueReason: reason, plateDesign: design, ...(reason === 'stolen' ? { theftReportShown } : {}) });
  return (
    <DeclarationForm {...props} title="標識の再交付(亡失・き損・盗難)" path="plate-reissue" dateLabel="異動年月日" submitLabel="標識を再交付する" body={body}>
      {(problem) => (
        <>
          <SelectField id="reissue-reason" label="再交付の理由" required value={reason} options={options(PLATE_REISSUE_REASONS)} onChange={setReason} error={fieldError(problem, 'reissueReason')} />
          <PlateDesignField id="reissue-design" vehicleClassCode={props.vehicle.vehicleClassCode} designSeries={props.designSeries ?? []} value={design} onChange={setDesign} error={fieldError(problem, 'plateDesign')} />
          {reason === 'stolen' && <Checkbox id="reissue-theftReport" label="盗難届(受理番号)の提示あり(弁償金の免除)" checked={theftReportShown} onChange={setTheftReportShown} />}
        </>
      )}
    </DeclarationForm>
  );
}

/** 誤登録の削除: the whole record moves to the deletion table, with why; it can be restored from the list of deleted vehicles. */
export function DeletionForm({ vehicle }: { vehicle: CurrentVehicle }) {
  const navigate = useNavigate();
  const [reason, setReason] = useState('');
  const { problem, busy, submit } = useSubmit();
  async function remove(event: FormEvent) {
    event.preventDefault();
    if (await submit(() => sendJson('POST', `/api/v1/vehicles/${vehicle.declarationNo}/deletion`, { reason }))) navigate('/vehicles/deleted');
  }
  return (
    <details className="panel">
      <summary>誤登録の削除</summary>
      <form onSubmit={remove} noValidate aria-label="誤登録の削除">
        <p>誤って登録した車両を、全世代とも削除テーブルへ移します。削除した車両は「削除した車両」の一覧から復元できます。</p>
        {problem && <ProblemNotice problem={problem} />}
        <TextField id="deletion-reason" label="削除の理由" required maxLength={200} value={reason} onChange={setReason} error={fieldError(problem, 'reason')} />
        <button type="submit" className="button button--danger" disabled={busy}>
          削除する
        </button>
      </form>
    </details>
  );
}
