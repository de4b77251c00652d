/**
 * @module 車両の詳細: the record in force, this year's tax, the history coloured by class and state,
 * remarks, and the counter's declarations.
 */
import { useState, type ReactNode } from 'react';
import { Link, useNavigate, useParams } from 'react-router';
import { COMPENSATION_REASONS, plateText, type CompensationSlip, type Inventory } from '../../../../src/plates/model.js';
import { readDeclarationNo, type VehicleDetail } from '../../../../src/vehicles/model.js';
import { formatEraDate } from '../../format.js';
import { useSession } from '../../session.js';
import { useApi } from '../../useApi.js';
import { ProblemNotice } from '../ProblemNotice.js';
import { CertificatePanel } from './CertificatePanel.js';
import { eraOrDash, HistoryTable, StateLabel } from './common.js';
import { ClassChangeForm, DeletionForm, DeregistrationForm, ExOfficioDeregistrationForm, OwnerChangeForm, PlateReissueForm, StorageChangeForm, TaxStopForm } from './declarations.js';
import { Remarks } from './Remarks.js';

export function VehicleDetailPage() {
  const { declarationNo = '' } = useParams();
  const [reload, setReload] = useState(0);
  const { can, current } = useSession();
  const officeCode = current.state === 'signed-in' ? current.session.officeCode : null;
  const loaded = useApi<VehicleDetail>(`/api/v1/vehicles/${encodeURIComponent(declarationNo)}`, reload);
  const plates = useApi<Inventory>(`/api/v1/plates/inventory${officeCode ? `?officeCode=${officeCode}` : ''}`);
  const navigate = useNavigate();
  if (loaded.state === 'loading') return <p role="status">読み込んでいます…</p>;
  if (loaded.state === 'failed') return <ProblemNotice problem={loaded.problem} />;
  const { vehicle, history, taxOwed, remarks } = loaded.data;
  const done = () => setReload((n) => n + 1);
  const open = vehicle.state === 'current' && !vehicle.deregistrationDate;
  const declaration = { vehicle, onDone: done, onReload: done, designSeries: plates.state === 'ready' ? plates.data.designSeries : [] };
  return (
    <>
      <h1>
        車両 {vehicle.declarationNo}(第{vehicle.generation}世代)<StateLabel state={vehicle.state} />
      </h1>
      <dl className="summary">
        <Item label="車種">{vehicle.vehicleClass.nameJa}</Item>
        <Item label="標識">{[vehicle.platePart1, vehicle.platePart2, vehicle.platePart3].filter(Boolean).join(' ') || '—'}</Item>
        <Item label="車台番号">{vehicle.chassisNo ?? '—'}</Item>
        <Item label="車名・型式">{[vehicle.vehicleMakeName, vehicle.modelDesignation].filter(Boolean).join(' ') || '—'}</Item>
        <Item label="総排気量・定格出力">{vehicle.displacementCc !== null ? `${vehicle.displacementCc}cc` : vehicle.ratedOutputKw !== null ? `${vehicle.ratedOutputKw}kW` : '—'}</Item>
        <Item label="所有者">
          {vehicle.owner.nameKanji}(<Link to={`/addressees/${vehicle.owner.addresseeNo}/vehicles`}>{vehicle.owner.addresseeNo}</Link>) {vehicle.owner.address}
        </Item>
        <Item label="登録年月日">{eraOrDash(vehicle.registrationDate)}</Item>
        <Item label="廃車年月日">{eraOrDash(vehicle.deregistrationDate)}</Item>
        <Item label="登録拠点">{vehicle.registrationOfficeName ?? '—'}</Item>
      </dl>

      <section aria-labelledby="tax-heading" className="panel">
        <h2 id="tax-heading">今年度の税額({taxOwed.fiscalYear}年度)</h2>
        {'amount' in taxOwed ? (
          <>
            <p>
              <strong>{taxOwed.amount.toLocaleString('ja-JP')}円</strong>({taxOwed.rateCaseLabel})
            </p>
            <p>{taxOwed.explanation}</p>
            <p>根拠: {taxOwed.citations.join(' / ')}</p>
          </>
        ) : (
          <p>{taxOwed.notComputed}</p>
        )}
      </section>

      <h2>履歴(世代・名義変更)</h2>
      <HistoryTable history={history} />

      <CompensationSlips declarationNo={vehicle.declarationNo} reloadKey={reload} />
      <Remarks declarationNo={vehicle.declarationNo} remarks={remarks} canWrite={can('remark.write')} onDone={done} />
      {can('certificate.issue') && <CertificatePanel vehicle={vehicle} />}
      {can('vehicle.write') && (
        <section aria-labelledby="declarations-heading">
          <h2 id="declarations-heading">申告・異動</h2>
          {open ? (
            <>
              <OwnerChangeForm {...declaration} onDone={(result) => navigate(`/vehicles/${result.declarationNo}`)} />
              <DeregistrationForm {...declaration} />
              <ExOfficioDeregistrationForm {...declaration} />
              <TaxStopForm {...declaration} />
              <StorageChangeForm {...declaration} />
              <ClassChangeForm {...declaration} />
              <PlateReissueForm {...declaration} />
            </>
          ) : (
            <p>この車両は{vehicle.newOwnerDeclarationNo ? `名義変更済みです(新しい申告書番号 ${vehicle.newOwnerDeclarationNo})` : '廃車済みです'}。異動の申告はできません。</p>
          )}
          <DeletionForm vehicle={vehicle} />
        </section>
      )}
    </>
  );
}

function Item({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div>
      <dt>{label}</dt>
      <dd>{children}</dd>
    </div>
  );
}


/** 弁償金納付書 of the vehicle (標識の再交付): the fee from the city's settings, or its waiver for a theft report. */
function CompensationSlips({ declarationNo, reloadKey }: { declarationNo: string; reloadKey: number }) {
  const no = readDeclarationNo(declarationNo);
  const slips = useApi<{ slips: CompensationSlip[] }>(`/api/v1/plates/compensation-slips?declarationNo=${no ? `${no.year}-${no.serial}` : ''}`, reloadKey);
  if (slips.state !== 'ready' || slips.data.slips.length === 0) return null;
  return (
    <section aria-labelledby="slips-heading">
      <h2 id="slips-heading">弁償金納付書</h2>
      <table className="table table--list" data-testid="compensation-slips">
        <thead>
          <tr>
            <th scope="col">納付書番号</th>
            <th scope="col">発布日</th>
            <th scope="col">標識</th>
            <th scope="col">理由</th>
            <th scope="col">弁償金</th>
            <th scope="col">未納額</th>
          </tr>
        </thead>
        <tbody>
          {slips.data.slips.map((slip) => (
            <tr key={slip.slipNo}>
              <td>{slip.slipNo}</td>
              <td className="nowrap">{formatEraDate(slip.issuedDate)}</td>
              <td className="nowrap">{plateText(slip.plate)}</td>
              <td>{slip.reason ? COMPENSATION_REASONS[slip.reason] : '—'}</td>
              <td>
                {slip.theftReportShown ? '免除(盗難届の提示)' : `${slip.amount.toLocaleString('ja-JP')}円`}
                {slip.feeCitation && <small> 根拠: {slip.feeCitation}</small>}
              </td>
              <td>{slip.unpaidAmount.toLocaleString('ja-JP')}円</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
