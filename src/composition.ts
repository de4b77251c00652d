/**
 * @module The composition root: the vault, AccessControl and every service are built here, once,
 * for the server (src/server/app.ts) and the command line (src/cli/context.ts) alike. Routes and
 * commands are handed what it builds and construct no service of their own, so a service is
 * wired the same way wherever it is used.
 */
import { Authentication } from './access/authentication.js';
import { AccessControl } from './access/guard.js';
import { endStaffSessions } from './access/sessions.js';
import { AddresseeService, linkedAddressees } from './addressees/service.js';
import { AuditWitness } from './audit/witness.js';
import { AuditReview } from './audit/service.js';
import { CertificateService } from './certificates/service.js';
import type { Config } from './config.js';
import type { Database } from './db/database.js';
import { IntegratedAddresseeService } from './integrated-addressees/service.js';
import type { SealedColumnOwner } from './integrated-addressees/sealed-columns.js';
import { Vault } from './integrated-addressees/vault.js';
import type { Keys } from './keys/keys.js';
import { PlateService } from './plates/service.js';
import { ResidentChangeService } from './resident-changes/service.js';
import { StaffAdministration } from './staff/service.js';
import { CSV_PARSERS } from './vehicle-imports/parser.js';
import { VehicleImportService } from './vehicle-imports/service.js';
import { AssessmentService } from './assessment/service.js';
import { TaxLedgerService } from './tax-ledger/service.js';
import { ruleBookOf } from './tax-rules/service.js';
import { VehicleService } from './vehicles/service.js';
import { NoticeService } from './notices/service.js';
import { assertNoticesReleased, MailingCheckService } from './mailing-checks/service.js';

/** What everything is built from: the database, the configuration and the keys. */
export interface Infrastructure {
  db: Database;
  config: Config;
  keys: Keys;
  startedAt: Date;
}

/** What route plugins and commands are given: nothing global, and city data only through the services. */
export interface AppDependencies extends Infrastructure {
  access: AccessControl;
  vault: Vault;
  authentication: Authentication;
  staff: StaffAdministration;
  audit: AuditReview;
  addressees: AddresseeService;
  integratedAddressees: IntegratedAddresseeService;
  residentChanges: ResidentChangeService;
  vehicleImports: VehicleImportService;
  vehicles: VehicleService;
  plates: PlateService;
  certificates: CertificateService;
  assessment: AssessmentService;
  notices: NoticeService;
  taxLedger: TaxLedgerService;
  mailingChecks: MailingCheckService;
  /** Every capability holding sealed columns: `keitax keys rotate` re-seals them all. */
  sealedColumnOwners: readonly SealedColumnOwner[];
}

export function compose(infrastructure: Infrastructure): AppDependencies {
  const { db, config, keys } = infrastructure;
  const access = new AccessControl(db, keys, new AuditWitness(config.audit.checkpointDir, keys.audit.hmacKey));
  const vault = new Vault(keys.vault);
  const integratedAddressees = new IntegratedAddresseeService(access, vault, config.reveal.reauthMinutes, linkedAddressees);
  const residentChanges = new ResidentChangeService(access, vault);
  const addressees = new AddresseeService(access, vault);
  const assessment = new AssessmentService(access, ruleBookOf(config), config.assessment);
  const notices = new NoticeService(access, {
    // Printed for mailing, and handed to the contractor, only once the checks before mailing are signed off.
    release: { assertReleased: assertNoticesReleased },
    reconcile: (actor, fiscalYear) => assessment.reconcile(actor, fiscalYear),
    settings: { contact: config.notices.contact, convenienceStoreCompanyCode: config.notices.convenienceStoreCompanyCode },
    outputDir: config.notices.outputDir,
    renderThreads: config.notices.renderThreads,
  });
  return {
    ...infrastructure,
    access,
    vault,
    authentication: new Authentication(db, config, keys, access),
    staff: new StaffAdministration(access, endStaffSessions),
    audit: new AuditReview(access, keys, config.audit.checkpointDir),
    addressees,
    integratedAddressees,
    residentChanges,
    vehicleImports: new VehicleImportService(access, vault, CSV_PARSERS, ruleBookOf(config)),
    vehicles: new VehicleService(access, addressees, vault, ruleBookOf(config)),
    plates: new PlateService(access),
    certificates: new CertificateService(access),
    assessment,
    notices,
    taxLedger: new TaxLedgerService(access),
    mailingChecks: new MailingCheckService(access, assessment),
    sealedColumnOwners: [integratedAddressees, residentChanges],
  };
}
