/**
 * @module The owner of a declaration, as the counter finds them: a search of the addressees by
 * the four basic items (氏名・生年月日・住所, 性別 shown to tell namesakes apart), or a
 * non-resident registered on the spot. The new non-resident travels inside the declaration
 * itself, so a refused declaration registers no one.
 */
import { useEffect, useRef, useState, type KeyboardEvent } from 'react';
import { KIND_LABELS, type AddresseeSearchResult } from '../../../src/addressees/model.js';
import { fieldError, sendJson, type Problem } from '../api.js';
import { formatEraDate } from '../format.js';
import { useSubmit } from '../useSubmit.js';
import { ProblemNotice } from '../pages/ProblemNotice.js';
import { SelectField } from '../pages/addressees/common.js';
import { DateField } from './DateField.js';
import { TextField } from './Field.js';

/** The owner as the vehicle API takes it (src/vehicles/model.ts ownerSchema). */
export type OwnerBody = { addresseeNo: string } | { newNonResident: Record<string, string> };

type Hit = AddresseeSearchResult['hits'][number];

const SEXES: [string, string][] = [
  ['', '(未入力)'],
  ['1', '男'],
  ['2', '女'],
];
const EMPTY_PERSON = { nameKanji: '', nameKana: '', sexCode: '', birthDate: '', postalCode: '', address: '', reason: '軽自動車税(種別割)の申告(住登外)' };

interface OwnerPickerProps {
  /** Prefix of the controls' ids. */
  id: string;
  /** Where the API names this owner in its problems: `owner` (新規登録) or `newOwner` (名義変更). */
  path: 'owner' | 'newOwner';
  /** The declaration's problem, for the new non-resident's fields. */
  problem: Problem | null;
  onChange(owner: OwnerBody | null): void;
}

export function OwnerPicker({ id, path, problem, onChange }: OwnerPickerProps) {
  const [mode, setMode] = useState<'search' | 'new'>('search');
  const [chosen, setChosen] = useState<Hit | null>(null);
  const [person, setPerson] = useState(EMPTY_PERSON);

  const choose = (hit: Hit | null) => {
    setChosen(hit);
    onChange(hit ? { addresseeNo: hit.addresseeNo } : null);
  };
  const setPersonField = (key: keyof typeof EMPTY_PERSON) => (value: string) => {
    const next = { ...person, [key]: value };
    setPerson(next);
    onChange({ newNonResident: { kind: 'non_resident', ...Object.fromEntries(Object.entries(next).filter(([, v]) => v.trim() !== '')) } });
  };
  const switchTo = (next: 'search' | 'new') => {
    setMode(next);
    setChosen(null);
    setPerson(EMPTY_PERSON);
    onChange(null);
  };
  const personError = (key: string) => fieldError(problem, `${path}.newNonResident.${key}`);
  const ownerError = fieldError(problem, path) ?? fieldError(problem, `${path}.addresseeNo`);

  return (
    <fieldset className="form__group">
      <legend>所有者</legend>
      {ownerError && (
        <p className="field__error" id={`${id}-error`}>
          {ownerError}
        </p>
      )}
      <div className="actions" role="radiogroup" aria-label="所有者の指定のしかた">
        <label className="checkbox">
          <input type="radio" name={`${id}-mode`} checked={mode === 'search'} onChange={() => switchTo('search')} /> 宛名から探す(基本4情報)
        </label>
        <label className="checkbox">
          <input type="radio" name={`${id}-mode`} checked={mode === 'new'} onChange={() => switchTo('new')} /> 住登外者として登録する
        </label>
      </div>
      {mode === 'search' && (chosen ? <Chosen hit={chosen} onClear={() => choose(null)} /> : <OwnerSearch id={id} onChoose={choose} />)}
      {mode === 'new' && (
        <div className="form-grid">
          <TextField id={`${id}-nameKanji`} label="氏名・名称" required maxLength={100} value={person.nameKanji} onChange={setPersonField('nameKanji')} error={personError('nameKanji')} />
          <TextField id={`${id}-nameKana`} label="フリガナ" required maxLength={100} value={person.nameKana} onChange={setPersonField('nameKana')} error={personError('nameKana')} />
          <SelectField id={`${id}-sexCode`} label="性別" value={person.sexCode} options={SEXES} onChange={setPersonField('sexCode')} error={personError('sexCode')} />
          <DateField id={`${id}-birthDate`} label="生年月日" value={person.birthDate} onChange={setPersonField('birthDate')} error={personError('birthDate')} />
          <TextField id={`${id}-postalCode`} label="郵便番号" hint="例: 343-0813" value={person.postalCode} onChange={setPersonField('postalCode')} error={personError('postalCode')} />
          <TextField id={`${id}-address`} label="住所" required maxLength={200} value={person.address} onChange={setPersonField('address')} error={personError('address')} />
          <TextField id={`${id}-reason`} label="登録の理由" required maxLength={200} value={person.reason} onChange={setPersonField('reason')} error={personError('reason')} />
        </div>
      )}
    </fieldset>
  );
}

/** The owner chosen; it takes the focus, as the button the clerk pressed has gone. */
function Chosen({ hit, onClear }: { hit: Hit; onClear(): void }) {
  const notice = useRef<HTMLParagraphElement>(null);
  useEffect(() => notice.current?.focus(), []);
  return (
    <p ref={notice} tabIndex={-1} className="notice notice--info" data-testid="chosen-owner">
      所有者: {hit.nameKanji}({hit.nameKana})宛名番号 {hit.addresseeNo} {hit.address}{' '}
      <button type="button" className="link-button" onClick={onClear}>
        選び直す
      </button>
    </p>
  );
}

/** The search is a button, not a form: it sits inside the declaration's form. */
function OwnerSearch({ id, onChoose }: { id: string; onChoose(hit: Hit): void }) {
  const [criteria, setCriteria] = useState({ name: '', birthDate: '', address: '' });
  const [hits, setHits] = useState<Hit[] | null>(null);
  const { problem, busy, submit } = useSubmit();
  const set = (key: keyof typeof criteria) => (value: string) => setCriteria((c) => ({ ...c, [key]: value }));
  const search = () =>
    submit(async () => {
      const body = Object.fromEntries(Object.entries(criteria).filter(([, value]) => value.trim() !== ''));
      setHits((await sendJson<AddresseeSearchResult>('POST', '/api/v1/addressees/search', body)).hits);
    });
  // Enter in a search box searches, rather than sending the declaration around it.
  const searchOnEnter = (event: KeyboardEvent) => {
    if (event.key !== 'Enter' || !(event.target instanceof HTMLInputElement)) return;
    event.preventDefault();
    void search();
  };
  return (
    <div>
      {problem && <ProblemNotice problem={problem} />}
      <div className="form-grid" onKeyDown={searchOnEnter}>
        <TextField id={`${id}-search-name`} label="氏名(漢字またはカナ)" maxLength={100} value={criteria.name} onChange={set('name')} error={fieldError(problem, 'name')} />
        <DateField id={`${id}-search-birthDate`} label="生年月日" value={criteria.birthDate} onChange={set('birthDate')} error={fieldError(problem, 'birthDate')} />
        <TextField id={`${id}-search-address`} label="住所" maxLength={200} value={criteria.address} onChange={set('address')} error={fieldError(problem, 'address')} />
      </div>
      <button type="button" className="button button--secondary" disabled={busy} onClick={() => void search()}>
        {busy ? '検索しています…' : '宛名を検索'}
      </button>
      {hits && hits.length === 0 && <p role="status">該当する宛名はありません。住登外の方は「住登外者として登録する」を選んでください。</p>}
      {hits && hits.length > 0 && (
        <table className="table table--list" data-testid="owner-candidates">
          <caption>所有者の候補(基本4情報)</caption>
          <thead>
            <tr>
              <th scope="col">氏名</th>
              <th scope="col">生年月日</th>
              <th scope="col">性別</th>
              <th scope="col">住所</th>
              <th scope="col">区分</th>
              <th scope="col">選択</th>
            </tr>
          </thead>
          <tbody>
            {hits.map((hit) => (
              <tr key={hit.addresseeNo}>
                <td>
                  {hit.nameKanji}({hit.nameKana})
                </td>
                <td className="nowrap">{hit.birthDate ? formatEraDate(hit.birthDate) : '—'}</td>
                <td>{hit.sexCode ? SEXES.find(([code]) => code === hit.sexCode)?.[1] : '—'}</td>
                <td>{hit.address}</td>
                <td>{KIND_LABELS[hit.kind]}</td>
                <td>
                  <button type="button" className="button button--small" onClick={() => onChoose(hit)}>
                    {hit.addresseeNo} を選ぶ
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
