/**
 * @module The tax calculator screen (税額計算): a vehicle's facts in, the year's amount out with its
 * rate case, steps and citations.
 */
import { useEffect, useRef, useState, type FormEvent, type ReactNode } from 'react';
import { fiscalYearOf, japanToday } from '../../../src/shared/dates.js';
import { formatEraFiscalYear } from '../../../src/shared/era.js';
import { FUEL_LABEL, FUELS, RATE_CASE_LABEL, USE_LABEL, USES, VEHICLE_CLASS_LABEL, VEHICLE_CLASSES, type AmountResult } from '../../../src/tax-rules/model.js';
import { halfWidthNumber } from '../../../src/shared/text.js';
import { ApiError, sendJson, type Problem } from '../api.js';
import { DateField } from '../components/DateField.js';
import { ProblemNotice } from './ProblemNotice.js';

type Form = Record<string, string>;
const NUMBER_FIELDS = ['fiscalYear', 'wheels', 'displacementCc', 'ratedOutputKw', 'maxOutputKw', 'trackWidthCm'];
const EFFICIENCY_FIELDS = ['fy2015', 'fy2020', 'fy2030'] as const;
const CHECKBOXES = ['towed', 'lowEmission4Star'];
/** Facts the engine asks for when they decide the outcome: "no" must be sayable, so a choice, not a checkbox. */
const YES_NO = ['cabin', 'naturalGasEmissionStandard'];

/** The form as the API takes it: blanks left out, numbers as numbers (a non-number is sent as typed, and the API names it). */
function toRequest(form: Form): Record<string, unknown> {
  // Digits typed full-width on a Japanese keyboard (２０２６) are the same number.
  const asNumber = (typed: string) => {
    const value = halfWidthNumber(typed);
    return value !== '' && Number.isFinite(Number(value)) ? Number(value) : typed;
  };
  const body: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(form)) {
    if (value === '' || key.startsWith('fuelEfficiency.')) continue;
    body[key] = CHECKBOXES.includes(key) || YES_NO.includes(key) ? value === 'true' : NUMBER_FIELDS.includes(key) ? asNumber(value) : value;
  }
  const efficiency = Object.fromEntries(EFFICIENCY_FIELDS.filter((k) => form[`fuelEfficiency.${k}`]).map((k) => [k, asNumber(form[`fuelEfficiency.${k}`] ?? '')]));
  if (Object.keys(efficiency).length > 0) body.fuelEfficiency = efficiency;
  return body;
}

const inputId = (field: string) => `tax-${field.replace('.', '-')}`;

export function TaxCalculatorPage() {
  const [form, setForm] = useState<Form>({ fiscalYear: String(fiscalYearOf(japanToday())), vehicleClass: '' });
  const [result, setResult] = useState<AmountResult>();
  const [problem, setProblem] = useState<Problem>();
  const [busy, setBusy] = useState(false);
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const set = (field: string) => (value: string) => setForm((f) => ({ ...f, [field]: value }));
  const errorOf = (field: string) => problem?.errors?.find((e) => e.field === field)?.message;

  // Keyboard-first: after a calculation the focus moves to the result, after a refusal to the first named field.
  useEffect(() => {
    if (result) resultHeading.current?.focus();
  }, [result]);
  useEffect(() => {
    const first = problem?.errors?.[0];
    if (first) document.getElementById(inputId(first.field))?.focus();
  }, [problem]);

  async function submit(event: FormEvent) {
    event.preventDefault();
    setBusy(true);
    try {
      setResult(await sendJson<AmountResult>('POST', '/api/v1/tax/calculate', toRequest(form)));
      setProblem(undefined);
    } catch (error) {
      setProblem(error instanceof ApiError ? error.problem : { title: 'エラーが発生しました', detail: String(error), status: 0 });
      setResult(undefined);
    } finally {
      setBusy(false);
    }
  }

  const field = (name: string, label: string, control: (props: ControlProps) => ReactNode, options: { required?: boolean; hint?: string } = {}) => {
    const error = errorOf(name);
    const describedBy = [options.hint && `${inputId(name)}-hint`, error && `${inputId(name)}-error`].filter(Boolean).join(' ') || undefined;
    return (
      <div className={`field${error ? ' field--error' : ''}`}>
        <label className="field__label" htmlFor={inputId(name)}>
          {label}
          {options.required && <span className="field__required">※必須</span>}
        </label>
        {options.hint && (
          <p className="field__hint" id={`${inputId(name)}-hint`}>
            {options.hint}
          </p>
        )}
        {control({ id: inputId(name), value: form[name] ?? '', onChange: set(name), 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy, required: options.required })}
        {error && (
          <p className="field__error" id={`${inputId(name)}-error`}>
            {error}
          </p>
        )}
      </div>
    );
  };

  return (
    <>
      <h1>税額計算</h1>
      <p>車両の情報から種別割の年税額を計算し、税率の区分、計算の説明と根拠条文を示します。個人の情報は扱いません。</p>
      {problem && <ProblemNotice problem={problem} />}
      <form className="form" onSubmit={submit} noValidate>
        <fieldset className="form__group">
          <legend>車両</legend>
          {field('fiscalYear', '年度', (p) => <input {...text(p)} inputMode="numeric" className="input input--short" />, { required: true, hint: '2016年度以降(例: 2026)' })}
          {field('vehicleClass', '車種', (p) => (
            <select {...select(p)} className="input">
              <option value="">選択してください</option>
              <option value="moped">原動機付自転車(車輪・排気量・出力から判定)</option>
              {VEHICLE_CLASSES.map((c) => (
                <option key={c} value={c}>
                  {VEHICLE_CLASS_LABEL[c]}
                </option>
              ))}
            </select>
          ), { required: true })}
          {field('use', '用途', (p) => (
            <select {...select(p)} className="input">
              <option value="">—</option>
              {USES.map((u) => (
                <option key={u} value={u}>
                  {USE_LABEL[u]}
                </option>
              ))}
            </select>
          ), { hint: '四輪の軽自動車で必要' })}
          <DateField id={inputId('firstInspection')} label="初度検査年月" month yearOnly hint="三輪・四輪で必要。車検証が年のみなら年だけ" value={form.firstInspection ?? ''} onChange={set('firstInspection')} error={errorOf('firstInspection')} />
          {field('fuel', '燃料の種類', (p) => (
            <select {...select(p)} className="input">
              <option value="">—</option>
              {FUELS.map((f) => (
                <option key={f} value={f}>
                  {FUEL_LABEL[f]}
                </option>
              ))}
            </select>
          ), { hint: '経年車(重課)と新車(グリーン化特例)の判定で必要' })}
          {field('body', '三輪の車体', (p) => (
            <select {...select(p)} className="input">
              <option value="">—</option>
              <option value="passenger">乗用</option>
              <option value="cargo">貨物</option>
            </select>
          ), { hint: '三輪の軽自動車の新車で必要(グリーン化特例の基準が乗用・貨物で異なる)' })}
          {field('towed', '被けん引車', (p) => <Checkbox {...p} label="被けん引車である" />)}
        </fieldset>
        <fieldset className="form__group">
          <legend>原動機付自転車の区分判定</legend>
          {field('wheels', '車輪の数', (p) => <input {...text(p)} inputMode="numeric" className="input input--short" />)}
          {field('displacementCc', '総排気量(cc)', (p) => <input {...text(p)} inputMode="decimal" className="input input--short" />)}
          {field('ratedOutputKw', '定格出力(kW)', (p) => <input {...text(p)} inputMode="decimal" className="input input--short" />, { hint: '電動機の場合' })}
          {field('maxOutputKw', '最高出力(kW)', (p) => <input {...text(p)} inputMode="decimal" className="input input--short" />, {
            hint: '2025年度以降、50cc超125cc以下の二輪で必要(4.0kW以下は新基準原付)',
          })}
          {field('cabin', '車室', (p) => <YesNo {...p} yes="車室あり" no="車室なし" />, { hint: '三輪以上で20cc超50cc以下の場合に必要(車室があるか輪距50cm超ならミニカー)' })}
          {field('trackWidthCm', '輪距(cm)', (p) => <input {...text(p)} inputMode="decimal" className="input input--short" />, { hint: '三輪以上の場合' })}
        </fieldset>
        <fieldset className="form__group">
          <legend>グリーン化特例(新車)</legend>
          {field('lowEmission4Star', '排出ガス性能', (p) => <Checkbox {...p} label="★★★★(平成30年基準50%低減又は平成17年基準75%低減)" />)}
          {field('naturalGasEmissionStandard', '天然ガス自動車の排出ガス', (p) => (
            <YesNo {...p} yes="平成30年規制適合又は平成21年規制NOx10%以上低減" no="該当しない" />
          ), { hint: '天然ガス自動車の新車で必要' })}
          {EFFICIENCY_FIELDS.map((k) => (
            <div key={k}>
              {field(`fuelEfficiency.${k}`, `燃費基準達成率(%): ${k === 'fy2015' ? '平成27年度基準' : k === 'fy2020' ? '令和2年度基準' : '令和12年度基準'}`, (p) => (
                <input {...text(p)} inputMode="numeric" className="input input--short" />
              ), { hint: k === 'fy2030' ? '例: 90 は基準の90%' : '例: 130 は基準より30%良い。空欄は未達成・不明' })}
            </div>
          ))}
        </fieldset>
        <p>
          <button type="submit" className="button button--primary" disabled={busy}>
            計算する
          </button>
        </p>
      </form>
      {result && (
        <section aria-labelledby="tax-result-heading" className="result" data-testid="tax-result">
          <h2 id="tax-result-heading" ref={resultHeading} tabIndex={-1}>
            計算結果
          </h2>
          {result.cautions.length > 0 && (
            <div className="notice notice--info" role="note" data-testid="tax-cautions">
              <p>{result.provisional ? 'この結果は暫定です。' : 'この結果には確認中の規定が含まれます。'}</p>
              <ul>
                {result.cautions.map((c) => (
                  <li key={c}>{c}</li>
                ))}
              </ul>
            </div>
          )}
          <table className="table">
            <tbody>
              <tr>
                <th scope="row">年税額</th>
                <td className="result__amount" data-testid="tax-amount">
                  {result.amount.toLocaleString('ja-JP')}円{result.provisional && '(暫定)'}
                </td>
              </tr>
              <tr>
                <th scope="row">税率の区分</th>
                <td data-testid="tax-rate-case">{RATE_CASE_LABEL[result.rateCase]}</td>
              </tr>
              <tr>
                <th scope="row">車種</th>
                <td>
                  {formatEraFiscalYear(result.fiscalYear)} {VEHICLE_CLASS_LABEL[result.vehicleClass]}
                </td>
              </tr>
              <tr>
                <th scope="row">説明</th>
                <td data-testid="tax-explanation">{result.explanation}</td>
              </tr>
              <tr>
                <th scope="row">根拠</th>
                <td>
                  <ul className="citations">
                    {result.citations.map((c) => (
                      <li key={c}>{c}</li>
                    ))}
                  </ul>
                </td>
              </tr>
            </tbody>
          </table>
        </section>
      )}
    </>
  );
}

interface ControlProps {
  id: string;
  value: string;
  onChange: (value: string) => void;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
  required?: boolean;
}

function text({ onChange, ...p }: ControlProps) {
  return { ...p, type: 'text', onChange: (e: { target: { value: string } }) => onChange(e.target.value) };
}

function select({ onChange, ...p }: ControlProps) {
  return { ...p, onChange: (e: { target: { value: string } }) => onChange(e.target.value) };
}

function YesNo({ yes, no, ...p }: ControlProps & { yes: string; no: string }) {
  return (
    <select {...select(p)} className="input">
      <option value="">—</option>
      <option value="true">{yes}</option>
      <option value="false">{no}</option>
    </select>
  );
}

function Checkbox({ onChange, value, label, ...p }: ControlProps & { label: string }) {
  return (
    <label className="checkbox">
      <input {...p} type="checkbox" checked={value === 'true'} onChange={(e) => onChange(e.target.checked ? 'true' : '')} /> {label}
    </label>
  );
}
