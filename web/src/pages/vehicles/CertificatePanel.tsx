/**
 * @module 証明書の発行 on a vehicle: 標識交付証明書, 廃車申告受付書, or both at once after an owner
 * change, 再発行 for a reprint. The PDF is offered as a file to save and print: a window opened
 * after the server's answer would be stopped as a pop-up, and the screens' content security
 * policy (object-src 'none') keeps the browser's PDF viewer off a blob: page. A 証明制限 shows as
 * the API words it.
 */
import { useEffect, useState } from 'react';
import { CERTIFICATE_REQUEST_KINDS, type CertificateRequestKind } from '../../../../src/certificates/model.js';
import type { CurrentVehicle } from '../../../../src/vehicles/model.js';
import { postForDocument } from '../../api.js';
import { useSubmit } from '../../useSubmit.js';
import { ProblemNotice } from '../ProblemNotice.js';

/** Which certificates the record can bear: a plate issued while it is in force; a receipt once it ended; both after an owner change. */
function kindsFor(vehicle: CurrentVehicle): CertificateRequestKind[] {
  const kinds: CertificateRequestKind[] = [];
  if (vehicle.platePart3 && !vehicle.deregistrationDate) kinds.push('plate_issue');
  if (vehicle.deregistrationDate) kinds.push('deregistration_receipt');
  if (vehicle.previousOwnerDeclarationNo || vehicle.newOwnerDeclarationNo) kinds.push('owner_change');
  return kinds;
}

const BUTTON_LABELS: Record<CertificateRequestKind, string> = {
  plate_issue: CERTIFICATE_REQUEST_KINDS.plate_issue,
  deregistration_receipt: CERTIFICATE_REQUEST_KINDS.deregistration_receipt,
  owner_change: '名義変更の証明書(標識交付証明書と廃車申告受付書)',
};

export function CertificatePanel({ vehicle }: { vehicle: CurrentVehicle }) {
  const [reprint, setReprint] = useState(false);
  const [issued, setIssued] = useState<{ kind: CertificateRequestKind; url: string } | null>(null);
  const { problem, busy, submit } = useSubmit();
  // A PDF of personal data stays in memory only while its link is shown.
  useEffect(() => () => {
    if (issued) URL.revokeObjectURL(issued.url);
  }, [issued]);
  const kinds = kindsFor(vehicle);
  if (kinds.length === 0) return null;
  const issue = (kind: CertificateRequestKind) =>
    submit(async () => {
      const pdf = await postForDocument(`/api/v1/vehicles/${vehicle.declarationNo}/certificates`, { kind, reprint });
      setIssued({ kind, url: URL.createObjectURL(pdf) });
    });
  return (
    <section className="panel" aria-labelledby="certificates-heading">
      <h2 id="certificates-heading">証明書の発行</h2>
      {problem && <ProblemNotice problem={problem} />}
      <label className="checkbox" htmlFor="certificate-reprint">
        <input id="certificate-reprint" type="checkbox" checked={reprint} onChange={(e) => setReprint(e.target.checked)} /> 再発行(「再発行」と元の証明書番号を印字します)
      </label>
      <div className="actions">
        {kinds.map((kind) => (
          <button key={kind} type="button" className="button button--secondary" disabled={busy} onClick={() => void issue(kind)}>
            {BUTTON_LABELS[kind]}
          </button>
        ))}
      </div>
      {issued && (
        <p className="notice notice--success" role="status">
          {BUTTON_LABELS[issued.kind]}を発行しました。{' '}
          <a href={issued.url} download={`certificate-${vehicle.declarationNo}.pdf`} data-testid="certificate-pdf">
            PDFを保存して印刷する
          </a>
        </p>
      )}
    </section>
  );
}
