import type { Command } from 'commander';
import { commandLineActor } from '../access/actor.js';
import { ROLES } from '../access/roles.js';
import { readSecretLine, withCommandContext } from '../cli/context.js';
import { japanToday } from '../shared/dates.js';
import type { StaffAdministration } from './service.js';

const collect = (value: string, previous: string[] = []) => [...previous, value];

/**
 * `keitax staff …`: account administration at the server. A production install creates its
 * first administrator here, and only here; the operator acts as the command line in the audit log.
 */
export function registerStaffCommands(program: Command): void {
  const staff = program.command('staff').description('staff accounts (職員)');
  const run = (work: (service: StaffAdministration, actor: ReturnType<typeof commandLineActor>) => Promise<void>) =>
    withCommandContext(async ({ config, staff }) => work(staff, commandLineActor(config.municipalityCode, ['staff.admin', 'staff.inventory'])));

  staff
    .command('create')
    .description('create an account; the initial password is read from standard input; prints the passkey enrolment code')
    .requiredOption('--staff-no <staffNo>', '職員番号')
    .requiredOption('--name <name>', '氏名')
    .requiredOption('--office <officeCode>', '所属拠点コード (e.g. 01)')
    .requiredOption('--department <department>', '所属 (e.g. 市民税課)')
    .requiredOption('--role <role>', `role, repeatable: ${Object.keys(ROLES).join(', ')}`, collect)
    .option('--valid-from <date>', '利用開始日 (YYYY-MM-DD)', japanToday())
    .option('--valid-to <date>', '利用終了日 (YYYY-MM-DD)')
    .action((options: { staffNo: string; name: string; office: string; department: string; role: string[]; validFrom: string; validTo?: string }) =>
      run(async (service, actor) => {
        const password = await readSecretLine();
        const { staff: created, enrollmentCode } = await service.create(actor, {
          staffNo: options.staffNo,
          name: options.name,
          officeCode: options.office,
          department: options.department,
          roles: options.role,
          validFrom: options.validFrom,
          validTo: options.validTo ?? null,
          password,
        });
        console.log(`created ${created.staffNo} ${created.name} (${created.roles.join(', ')})`);
        console.log(`passkey enrolment code: ${enrollmentCode.code} (valid until ${enrollmentCode.expiresAt.toISOString()})`);
      }),
    );

  staff
    .command('update')
    .description("change an account's name, office, department or period of use")
    .requiredOption('--staff-no <staffNo>', '職員番号')
    .option('--name <name>', '氏名')
    .option('--office <officeCode>', '所属拠点コード')
    .option('--department <department>', '所属')
    .option('--valid-from <date>', '利用開始日 (YYYY-MM-DD)')
    .option('--valid-to <date>', '利用終了日 (YYYY-MM-DD; "none" to clear)')
    .action((options: { staffNo: string; name?: string; office?: string; department?: string; validFrom?: string; validTo?: string }) =>
      run(async (service, actor) => {
        const updated = await service.update(actor, options.staffNo, {
          ...(options.name === undefined ? {} : { name: options.name }),
          ...(options.office === undefined ? {} : { officeCode: options.office }),
          ...(options.department === undefined ? {} : { department: options.department }),
          ...(options.validFrom === undefined ? {} : { validFrom: options.validFrom }),
          ...(options.validTo === undefined ? {} : { validTo: options.validTo === 'none' ? null : options.validTo }),
        });
        console.log(`updated ${updated.staffNo}: ${updated.name}, ${updated.officeName} ${updated.department}, ${updated.validFrom} – ${updated.validTo ?? ''}`);
      }),
    );

  staff
    .command('list')
    .description('list accounts')
    .action(() =>
      run(async (service, actor) => {
        for (const s of await service.list(actor)) {
          console.log([s.staffNo, s.name, s.officeName, s.roles.join('+') || '-', s.status, `passkeys=${s.passkeys}`, s.lastSignInAt ?? 'never'].join('\t'));
        }
      }),
    );

  staff
    .command('inventory')
    .description('user-ID inventory (棚卸し): dormant, expired and never-enrolled accounts')
    .action(() =>
      run(async (service, actor) => {
        const rows = await service.inventory(actor);
        for (const r of rows) {
          const flags = [r.dormant && 'dormant', r.expired && 'expired', r.neverEnrolled && 'no-passkey', r.status === 'disabled' && 'disabled'].filter(Boolean);
          console.log([r.staffNo, r.name, r.roles.join('+') || '-', r.lastSignInAt ?? 'never', flags.join(',') || 'ok'].join('\t'));
        }
      }),
    );

  staff
    .command('disable')
    .description('disable an account now (its sessions end at once)')
    .requiredOption('--staff-no <staffNo>', '職員番号')
    .requiredOption('--reason <reason>', '理由 (退職, 異動 …)')
    .action((options: { staffNo: string; reason: string }) =>
      run(async (service, actor) => {
        await service.disable(actor, options.staffNo, options.reason);
        console.log(`disabled ${options.staffNo}`);
      }),
    );

  staff
    .command('enable')
    .description('enable a disabled account')
    .requiredOption('--staff-no <staffNo>', '職員番号')
    .action((options: { staffNo: string }) =>
      run(async (service, actor) => {
        await service.enable(actor, options.staffNo);
        console.log(`enabled ${options.staffNo}`);
      }),
    );

  staff
    .command('roles')
    .description("replace an account's roles")
    .requiredOption('--staff-no <staffNo>', '職員番号')
    .requiredOption('--role <role>', 'role, repeatable', collect)
    .action((options: { staffNo: string; role: string[] }) =>
      run(async (service, actor) => {
        const updated = await service.setRoles(actor, options.staffNo, options.role);
        console.log(`${updated.staffNo}: ${updated.roles.join(', ')}`);
      }),
    );

  staff
    .command('enrollment-code')
    .description('issue a new one-time passkey enrolment code')
    .requiredOption('--staff-no <staffNo>', '職員番号')
    .action((options: { staffNo: string }) =>
      run(async (service, actor) => {
        const code = await service.issueEnrollmentCode(actor, options.staffNo);
        console.log(`passkey enrolment code: ${code.code} (valid until ${code.expiresAt.toISOString()})`);
      }),
    );

  staff
    .command('unlock')
    .description('lift a lockout after failed sign-ins')
    .requiredOption('--staff-no <staffNo>', '職員番号')
    .action((options: { staffNo: string }) =>
      run(async (service, actor) => {
        await service.unlock(actor, options.staffNo);
        console.log(`unlocked ${options.staffNo}`);
      }),
    );

  staff
    .command('reset-password')
    .description('set a new password read from standard input (ends all sessions)')
    .requiredOption('--staff-no <staffNo>', '職員番号')
    .action((options: { staffNo: string }) =>
      run(async (service, actor) => {
        await service.resetPassword(actor, options.staffNo, await readSecretLine());
        console.log(`password reset for ${options.staffNo}`);
      }),
    );
}
