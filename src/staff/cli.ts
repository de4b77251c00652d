/**
 * @module The `keitax staff` commands: creating, updating, listing, disabling and enabling staff
 * accounts and the user-ID inventory from the command line.
 */
import { InvalidArgumentError, type Command } from 'commander';
import { commandLineActor } from '../access/actor.js';
import { ROLES } from '../access/roles.js';
import { readSecretLine, withCommandContext } from '../cli/context.js';
import { formatJapanTime, japanToday } from '../shared/dates.js';
import type { StaffAdministration } from './service.js';
import type { Terminal } from '../cli/terminal.js';

const ROLE_CHOICES = Object.entries(ROLES).map(([code, role]) => `${code}: ${role.nameJa}`).join(' / ');

/** `--role` may be given again for each role; an unknown one is refused with the list of roles. */
function collectRole(value: string, previous: string[] = []): string[] {
  if (!(value in ROLES)) throw new InvalidArgumentError(`使える役割は ${ROLE_CHOICES} です。`);
  return [...previous, value];
}

const lastSignIn = (at: string | null) => (at ? formatJapanTime(at) : 'never');
const printEnrollmentCode = (terminal: Terminal, { code, expiresAt }: { code: string; expiresAt: Date }) =>
  terminal.print(`passkey enrolment code: ${code} (valid until ${formatJapanTime(expiresAt)})`);

/**
 * `keitax staff …`: account administration at the server. A production install creates its
 * first administrator here, and only here; the operator acts as the command line in the audit log.
 */
export function registerStaffCommands(program: Command, terminal: Terminal): void {
  const staff = program.command('staff').description('職員のアカウント');
  const run = (work: (service: StaffAdministration, actor: ReturnType<typeof commandLineActor>) => Promise<void>) =>
    withCommandContext(terminal, async ({ config, staff }) => work(staff, commandLineActor(config.municipalityCode, ['staff.admin', 'staff.inventory'])));

  staff
    .command('create')
    .description('アカウントを作る。初期パスワードは標準入力から読み、パスキーの登録コードを表示する')
    .requiredOption('--staff-no <staffNo>', '職員番号')
    .requiredOption('--name <name>', '氏名')
    .requiredOption('--office <officeCode>', '所属拠点コード (e.g. 01)')
    .requiredOption('--department <department>', '所属 (e.g. 市民税課)')
    .requiredOption('--role <role>', `役割(複数なら繰り返す): ${ROLE_CHOICES}`, collectRole)
    .option('--valid-from <date>', '利用開始日(YYYY-MM-DD、既定: 今日)', japanToday())
    .option('--valid-to <date>', '利用終了日(YYYY-MM-DD)')
    .action((options: { staffNo: string; name: string; office: string; department: string; role: string[]; validFrom: string; validTo?: string }) =>
      run(async (service, actor) => {
        const password = await readSecretLine(terminal);
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
        terminal.print(`created ${created.staffNo} ${created.name} (${created.roles.join(', ')})`);
        printEnrollmentCode(terminal, enrollmentCode);
      }),
    );

  staff
    .command('update')
    .description('アカウントの氏名・所属拠点・所属・利用期間を変える')
    .requiredOption('--staff-no <staffNo>', '職員番号')
    .option('--name <name>', '氏名')
    .option('--office <officeCode>', '所属拠点コード')
    .option('--department <department>', '所属')
    .option('--valid-from <date>', '利用開始日(YYYY-MM-DD)')
    .option('--valid-to <date>', '利用終了日(YYYY-MM-DD。none で消す)')
    .action((options: { staffNo: string; name?: string; office?: string; department?: string; validFrom?: string; validTo?: string }) =>
      run(async (service, actor) => {
        const updated = await service.update(actor, options.staffNo, {
          ...(options.name === undefined ? {} : { name: options.name }),
          ...(options.office === undefined ? {} : { officeCode: options.office }),
          ...(options.department === undefined ? {} : { department: options.department }),
          ...(options.validFrom === undefined ? {} : { validFrom: options.validFrom }),
          ...(options.validTo === undefined ? {} : { validTo: options.validTo === 'none' ? null : options.validTo }),
        });
        terminal.print(`updated ${updated.staffNo}: ${updated.name}, ${updated.officeName} ${updated.department}, ${updated.validFrom} – ${updated.validTo ?? ''}`);
      }),
    );

  staff
    .command('list')
    .description('アカウントの一覧(最終サインインは日本時間)')
    .action(() =>
      run(async (service, actor) => {
        for (const s of await service.list(actor)) {
          terminal.print([s.staffNo, s.name, s.officeName, s.roles.join('+') || '-', s.status, `passkeys=${s.passkeys}`, lastSignIn(s.lastSignInAt)].join('\t'));
        }
      }),
    );

  staff
    .command('inventory')
    .description('利用者IDの棚卸し: 休眠・期限切れ・パスキー未登録のアカウント')
    .action(() =>
      run(async (service, actor) => {
        const rows = await service.inventory(actor);
        for (const r of rows) {
          const flags = [r.dormant && 'dormant', r.expired && 'expired', r.neverEnrolled && 'no-passkey', r.status === 'disabled' && 'disabled'].filter(Boolean);
          terminal.print([r.staffNo, r.name, r.roles.join('+') || '-', lastSignIn(r.lastSignInAt), flags.join(',') || 'ok'].join('\t'));
        }
      }),
    );

  staff
    .command('disable')
    .description('アカウントをいま無効にする(サインイン中のセッションも直ちに終わる)')
    .requiredOption('--staff-no <staffNo>', '職員番号')
    .requiredOption('--reason <reason>', '理由(退職、異動 など)')
    .action((options: { staffNo: string; reason: string }) =>
      run(async (service, actor) => {
        await service.disable(actor, options.staffNo, options.reason);
        terminal.print(`disabled ${options.staffNo}`);
      }),
    );

  staff
    .command('enable')
    .description('無効にしたアカウントを有効に戻す')
    .requiredOption('--staff-no <staffNo>', '職員番号')
    .action((options: { staffNo: string }) =>
      run(async (service, actor) => {
        await service.enable(actor, options.staffNo);
        terminal.print(`enabled ${options.staffNo}`);
      }),
    );

  staff
    .command('roles')
    .description('アカウントの役割を入れ替える')
    .requiredOption('--staff-no <staffNo>', '職員番号')
    .requiredOption('--role <role>', `役割(複数なら繰り返す): ${ROLE_CHOICES}`, collectRole)
    .action((options: { staffNo: string; role: string[] }) =>
      run(async (service, actor) => {
        const updated = await service.setRoles(actor, options.staffNo, options.role);
        terminal.print(`${updated.staffNo}: ${updated.roles.join(', ')}`);
      }),
    );

  staff
    .command('enrollment-code')
    .description('パスキーの登録コード(1回限り)を新しく発行する')
    .requiredOption('--staff-no <staffNo>', '職員番号')
    .action((options: { staffNo: string }) =>
      run(async (service, actor) => {
        const code = await service.issueEnrollmentCode(actor, options.staffNo);
        printEnrollmentCode(terminal, code);
      }),
    );

  staff
    .command('unlock')
    .description('サインインの失敗によるロックを解除する')
    .requiredOption('--staff-no <staffNo>', '職員番号')
    .action((options: { staffNo: string }) =>
      run(async (service, actor) => {
        await service.unlock(actor, options.staffNo);
        terminal.print(`unlocked ${options.staffNo}`);
      }),
    );

  staff
    .command('reset-password')
    .description('標準入力から読んだ新しいパスワードにする(すべてのセッションが終わる)')
    .requiredOption('--staff-no <staffNo>', '職員番号')
    .action((options: { staffNo: string }) =>
      run(async (service, actor) => {
        await service.resetPassword(actor, options.staffNo, await readSecretLine(terminal));
        terminal.print(`password reset for ${options.staffNo}`);
      }),
    );
}
