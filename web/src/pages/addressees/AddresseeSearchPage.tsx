/**
 * @module The addressee search screen (宛名の検索): by name or kana, birth date, address, phone,
 * addressee or individual number, the list kept while the clerk looks at a detail.
 */
import { useRef, useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import type { AddresseeSummary } from '../../../../src/addressees/model.js';
import { ApiError, fieldError, sendJson } from '../../api.js';
import { TextField } from '../../components/Field.js';
import { TEXT_LIMITS } from '../../../../src/shared/text.js';
import { useSession } from '../../session.js';
import { useSubmit } from '../../useSubmit.js';
import { ProblemNotice } from '../ProblemNotice.js';
import { TableScroll } from '../TableScroll.js';
import { eraDateOrDash, KindAndStatus, SEX_LABELS, withoutBlanks, type AddresseeSearchResult } from './common.js';

type Hit = AddresseeSummary & { score?: number };
interface Criteria {
  name: string;
  birthDate: string;
  address: string;
  addresseeNo: string;
  phone: string;
}
const EMPTY: Criteria = { name: '', birthDate: '', address: '', addresseeNo: '', phone: '' };

/**
 * The last search of this tab, kept in memory (never in the URL or storage: the values are
 * personal data) so that coming back from a detail shows the same list.
 */
let lastSearch: { criteria: Criteria; hits: Hit[]; truncated: boolean } | null = null;

/**
 * 宛名の検索: by name in kanji or kana of any width, with or without spaces; birth date in
 * western or 和暦 form; address; addressee number; phone; or — typed from a card — the
 * individual number, which is looked up and then cleared from the form.
 */
export function AddresseeSearchPage() {
  const { can } = useSession();
  const [criteria, setCriteria] = useState<Criteria>(lastSearch?.criteria ?? EMPTY);
  const [individualNumber, setIndividualNumber] = useState('');
  const [result, setResult] = useState(lastSearch);
  const { problem, busy, submit } = useSubmit();
  const resultHeading = useRef<HTMLHeadingElement>(null);
  const set = (key: keyof Criteria) => (value: string) => setCriteria((c) => ({ ...c, [key]: value }));


  async function search(event: FormEvent) {
    event.preventDefault();
    await submit(async () => {
      let found: { hits: Hit[]; truncated: boolean };
      if (individualNumber.trim()) {
        const lookup = await sendJson<{ addressees: AddresseeSummary[] }>('POST', '/api/v1/integrated-addressees/lookup', { individualNumber }).catch((error: unknown) => {
          if (error instanceof ApiError && error.problem.status === 404) return { addressees: [] };
          throw error;
        });
        found = { hits: lookup.addressees, truncated: false };
        setIndividualNumber('');
      } else {
        found = await sendJson<AddresseeSearchResult>('POST', '/api/v1/addressees/search', withoutBlanks({ ...criteria }));
      }
      lastSearch = { criteria, ...found };
      setResult(lastSearch);
      resultHeading.current?.focus();
    });
  }

  return (
    <>
      <h1>宛名の検索</h1>
      <div className="actions">
        {can('addressee.write') && (
          <Link className="button button--secondary" to="/addressees/new">
            住登外者・法人を登録する
          </Link>
        )}
        {can('resident.import') && (
          <Link className="button button--secondary" to="/resident-changes">
            住民異動の取込み・確認待ち
          </Link>
        )}
      </div>
      <form onSubmit={search} noValidate className="panel" role="search" aria-label="宛名の検索">
        <p>いずれか1つ以上を入力してください。全角・半角、ひらがな・カタカナ、空白の有無、旧字体(髙・𠮷・齋など)は区別しません。</p>
        {problem && <ProblemNotice problem={problem} fieldPrefix="search" />}
        <div className="form-grid">
          <TextField id="search-name" label="氏名・名称(漢字またはカナ)" hint="姓だけ、名だけ、法人名(株式会社を除く)でも探せます" value={criteria.name} onChange={set('name')} maxLength={TEXT_LIMITS.name} autoFocus error={fieldError(problem, 'name')} />
          <TextField id="search-birthDate" label="生年月日" hint="例: S55.4.15、昭和55年4月15日、1980-04-15" value={criteria.birthDate} onChange={set('birthDate')} error={fieldError(problem, 'birthDate')} />
          <TextField id="search-address" label="住所" hint="町名と番地から(例: 越ヶ谷1丁目2番)" value={criteria.address} onChange={set('address')} maxLength={TEXT_LIMITS.address} error={fieldError(problem, 'address')} />
          <TextField id="search-addresseeNo" label="宛名番号" hint="15桁、または市内の連番" inputMode="numeric" value={criteria.addresseeNo} onChange={set('addresseeNo')} error={fieldError(problem, 'addresseeNo')} />
          <TextField id="search-phone" label="電話番号" inputMode="numeric" value={criteria.phone} onChange={set('phone')} error={fieldError(problem, 'phone')} />
          <TextField
            id="search-individualNumber"
            label="個人番号で探す"
            hint="個人番号カード等から入力。検索後は画面に残しません(照会は監査記録されます)"
            inputMode="numeric"
            autoComplete="off"
            value={individualNumber}
            onChange={setIndividualNumber}
            error={fieldError(problem, 'individualNumber')}
          />
        </div>
        <div className="actions">
          <button type="submit" className="button button--primary" disabled={busy}>
            {busy ? '検索しています…' : '検索'}
          </button>
          <button
            type="button"
            className="button button--secondary"
            onClick={() => {
              setCriteria(EMPTY);
              setResult(null);
              lastSearch = null;
            }}
          >
            条件をクリア
          </button>
        </div>
      </form>
      <h2 ref={resultHeading} tabIndex={-1}>
        検索結果
      </h2>
      {result && <SearchResults hits={result.hits} truncated={result.truncated} />}
    </>
  );
}

function SearchResults({ hits, truncated }: { hits: Hit[]; truncated: boolean }) {
  if (hits.length === 0) return <p role="status">該当する宛名はありません。条件を減らすか、別の書き方で探してください。</p>;
  return (
    <>
      <p role="status">
        {hits.length}件{truncated ? '以上' : ''}(一致度の高い順)
      </p>
      {truncated && <p className="notice notice--info">表示は先頭の{hits.length}件までです。生年月日や住所を加えて絞り込んでください。</p>}
      <TableScroll label="検索結果">
        <table className="table table--list" data-testid="search-results">
          <thead>
            <tr>
              <th scope="col">宛名番号</th>
              <th scope="col">氏名・名称</th>
              <th scope="col">フリガナ</th>
              <th scope="col">区分・状態</th>
              <th scope="col">性別</th>
              <th scope="col">生年月日</th>
              <th scope="col">住所</th>
            </tr>
          </thead>
          <tbody>
            {hits.map((hit) => (
              <tr key={hit.addresseeNo} className={hit.status === 'active' ? undefined : 'row--muted'}>
                <td className="nowrap">
                  <Link to={`/addressees/${hit.addresseeNo}`}>{hit.addresseeNo}</Link>
                </td>
                <td className="nowrap">{hit.nameKanji}</td>
                <td className="nowrap">{hit.nameKana}</td>
                <td className="nowrap">
                  <KindAndStatus addressee={hit} />
                </td>
                <td>{hit.sexCode ? SEX_LABELS[hit.sexCode] : '—'}</td>
                <td className="nowrap">{eraDateOrDash(hit.birthDate)}</td>
                <td>{hit.address}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </TableScroll>
    </>
  );
}
