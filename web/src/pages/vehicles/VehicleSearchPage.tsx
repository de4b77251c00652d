/**
 * @module The vehicle search screen (車両台帳の検索): by plate number, chassis number (車台番号), owner,
 * declaration or addressee number, the result kept while the clerk looks at a vehicle.
 */
import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { VehicleSearchResult } from '../../../../src/vehicles/model.js';
import { fieldError, sendJson } from '../../api.js';
import { TextField } from '../../components/Field.js';
import { useSession } from '../../session.js';
import { useSubmit } from '../../useSubmit.js';
import { ProblemNotice } from '../ProblemNotice.js';
import { TableScroll } from '../TableScroll.js';
import { rowStyle, StateLabel } from './common.js';

interface Criteria {
  plate: string;
  chassisNo: string;
  ownerName: string;
  declarationNo: string;
  addresseeNo: string;
}
const EMPTY: Criteria = { plate: '', chassisNo: '', ownerName: '', declarationNo: '', addresseeNo: '' };

/** The last search of this tab, in memory only (the values are personal data). */
let lastSearch: { criteria: Criteria; result: VehicleSearchResult } | null = null;

/** 車両の検索: by any part of the plate, the chassis number's start or end, the owner, the numbers. */
export function VehicleSearchPage() {
  const { can } = useSession();
  const [criteria, setCriteria] = useState<Criteria>(lastSearch?.criteria ?? EMPTY);
  const [result, setResult] = useState(lastSearch?.result ?? null);
  const { problem, busy, submit } = useSubmit();
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const set = (key: keyof Criteria) => (value: string) => setCriteria((c) => ({ ...c, [key]: value }));

  async function search(event: FormEvent) {
    event.preventDefault();
    await submit(async () => {
      const body = Object.fromEntries(Object.entries(criteria).filter(([, value]) => value.trim() !== ''));
      const found = await sendJson<VehicleSearchResult>('POST', '/api/v1/vehicles/search', body);
      lastSearch = { criteria, result: found };
      setResult(found);
      resultHeading.current?.focus();
    });
  }

  return (
    <>
      <h1>車両台帳の検索</h1>
      {can('vehicle.write') && (
        <div className="actions">
          <Link className="button button--secondary" to="/vehicles/new">
            新規登録(標識の交付)
          </Link>
        </div>
      )}
      <form onSubmit={search} noValidate className="panel" role="search" aria-label="車両の検索">
        <p>いずれか1つ以上を入力してください。空白・ハイフンの有無、全角・半角は区別しません。</p>
        {problem && <ProblemNotice problem={problem} />}
        <div className="form-grid">
          <TextField id="search-plate" label="標識番号" hint="一部分でも(例: 123、あ123、越谷市あ123)" value={criteria.plate} onChange={set('plate')} maxLength={40} autoFocus error={fieldError(problem, 'plate')} />
          <TextField id="search-chassisNo" label="車台番号" hint="先頭または末尾の数文字でも(例: 4567)" value={criteria.chassisNo} onChange={set('chassisNo')} maxLength={40} error={fieldError(problem, 'chassisNo')} />
          <TextField id="search-ownerName" label="所有者の氏名・カナ" value={criteria.ownerName} onChange={set('ownerName')} maxLength={100} error={fieldError(problem, 'ownerName')} />
          <TextField id="search-declarationNo" label="申告書番号" hint="例: 2026-000123" value={criteria.declarationNo} onChange={set('declarationNo')} maxLength={20} error={fieldError(problem, 'declarationNo')} />
          <TextField id="search-addresseeNo" label="所有者の宛名番号" inputMode="numeric" value={criteria.addresseeNo} onChange={set('addresseeNo')} maxLength={20} error={fieldError(problem, 'addresseeNo')} />
        </div>
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? '検索しています…' : '検索'}
          </button>
        </div>
      </form>
      <h2 ref={resultHeading} tabIndex={-1}>
        検索結果
      </h2>
      {result && result.hits.length === 0 && <p role="status">該当する車両はありません。</p>}
      {result && result.hits.length > 0 && (
        <>
          <p role="status">
            {result.hits.length}件{result.truncated ? '以上' : ''}
          </p>
          <TableScroll label="検索結果">
            <table className="table table--list" data-testid="vehicle-results">
              <thead>
                <tr>
                  <th scope="col">申告書番号</th>
                  <th scope="col">状態</th>
                  <th scope="col">車種</th>
                  <th scope="col">標識</th>
                  <th scope="col">車台番号</th>
                  <th scope="col">所有者</th>
                </tr>
              </thead>
              <tbody>
                {result.hits.map((hit) => (
                  <tr key={hit.declarationNo} style={rowStyle(hit)}>
                    <td className="nowrap">
                      <Link to={`/vehicles/${hit.declarationNo}`}>{hit.declarationNo}</Link>
                    </td>
                    <td className="nowrap">
                      <StateLabel state={hit.state} />
                    </td>
                    <td>{hit.vehicleClass.nameJa}</td>
                    <td className="nowrap">{hit.plate}</td>
                    <td className="nowrap">{hit.chassisNo ?? '—'}</td>
                    <td>
                      {hit.ownerName}({hit.ownerAddresseeNo})
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
          </TableScroll>
        </>
      )}
    </>
  );
}
