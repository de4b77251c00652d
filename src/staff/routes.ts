/** @module Staff accounts, roles and the user-ID inventory (C3, C6). */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../access/http.js';
import { routeAccess } from '../access/operations.js';
import { STAFF_OPERATIONS } from './operations.js';
import { ROLE_CODES, ROLES } from '../access/roles.js';
import type { AppDependencies } from '../composition.js';
import { attachment, toCsv } from '../shared/csv.js';
import { japanToday } from '../shared/dates.js';
import {
  createdStaffSchema,
  disableReasonSchema,
  enrollmentCodeSchema,
  inventoryRowSchema,
  newStaffSchema,
  officeSummarySchema,
  passwordSchema,
  roleCodesSchema,
  roleSummarySchema,
  staffChangeSchema,
  staffNoSchema,
  staffSummarySchema,
} from './model.js';

const params = z.object({ staffNo: staffNoSchema });
const yesNo = (flag: boolean) => (flag ? '該当' : '');

export const staffRoutes: FastifyPluginAsyncZod<AppDependencies> = async (app, { staff }) => {
  const tags = ['staff'];

  app.get('/staff', { config: routeAccess(STAFF_OPERATIONS['staff.list']), schema: { summary: '職員の一覧', tags, response: { 200: z.array(staffSummarySchema) } } }, (request) =>
    staff.list(actorOf(request)),
  );

  app.post(
    '/staff',
    {
      config: routeAccess(STAFF_OPERATIONS['staff.create']),
      schema: { summary: '職員の登録(登録コードを発行)', tags, body: newStaffSchema, response: { 201: createdStaffSchema } },
    },
    async (request, reply) => {
      const created = await staff.create(actorOf(request), request.body);
      return reply.code(201).send({ staff: created.staff, enrollmentCode: { ...created.enrollmentCode, expiresAt: created.enrollmentCode.expiresAt.toISOString() } });
    },
  );

  app.get('/staff/:staffNo', { config: routeAccess(STAFF_OPERATIONS['staff.read']), schema: { summary: '職員の詳細', tags, params, response: { 200: staffSummarySchema } } }, (request) =>
    staff.get(actorOf(request), request.params.staffNo),
  );

  app.patch(
    '/staff/:staffNo',
    { config: routeAccess(STAFF_OPERATIONS['staff.update']), schema: { summary: '職員情報の変更', tags, params, body: staffChangeSchema, response: { 200: staffSummarySchema } } },
    (request) => staff.update(actorOf(request), request.params.staffNo, request.body),
  );

  app.put(
    '/staff/:staffNo/roles',
    { config: routeAccess(STAFF_OPERATIONS['staff.roles']), schema: { summary: '役割の変更', tags, params, body: z.object({ roles: roleCodesSchema }), response: { 200: staffSummarySchema } } },
    (request) => staff.setRoles(actorOf(request), request.params.staffNo, request.body.roles),
  );

  app.post(
    '/staff/:staffNo/disable',
    {
      config: routeAccess(STAFF_OPERATIONS['staff.disable']),
      schema: {
        summary: 'アカウントの無効化(退職・異動等。セッションは即時終了)',
        tags,
        params,
        body: z.object({ reason: disableReasonSchema }),
        response: { 200: staffSummarySchema },
      },
    },
    (request) => staff.disable(actorOf(request), request.params.staffNo, request.body.reason),
  );

  app.post('/staff/:staffNo/enable', { config: routeAccess(STAFF_OPERATIONS['staff.enable']), schema: { summary: 'アカウントの再有効化', tags, params, response: { 200: staffSummarySchema } } }, (request) =>
    staff.enable(actorOf(request), request.params.staffNo),
  );

  app.post(
    '/staff/:staffNo/enrollment-code',
    { config: routeAccess(STAFF_OPERATIONS['staff.enrollment_code']), schema: { summary: 'パスキー登録コードの発行', tags, params, response: { 200: enrollmentCodeSchema } } },
    async (request) => {
      const code = await staff.issueEnrollmentCode(actorOf(request), request.params.staffNo);
      return { ...code, expiresAt: code.expiresAt.toISOString() };
    },
  );

  app.post('/staff/:staffNo/unlock', { config: routeAccess(STAFF_OPERATIONS['staff.unlock']), schema: { summary: 'ロックの解除', tags, params, response: { 200: staffSummarySchema } } }, (request) =>
    staff.unlock(actorOf(request), request.params.staffNo),
  );

  app.put(
    '/staff/:staffNo/password',
    { config: routeAccess(STAFF_OPERATIONS['staff.password_reset']), schema: { summary: 'パスワードの再設定(全セッション終了)', tags, params, body: z.object({ password: passwordSchema }), response: { 204: z.null() } } },
    async (request, reply) => {
      await staff.resetPassword(actorOf(request), request.params.staffNo, request.body.password);
      return reply.code(204).send(null);
    },
  );

  app.get(
    '/roles',
    {
      config: routeAccess(STAFF_OPERATIONS['role.list']),
      schema: {
        summary: '役割の一覧(権限つき)',
        tags,
        response: { 200: z.array(roleSummarySchema) },
      },
    },
    async () => ROLE_CODES.map((code) => ({ code, name: ROLES[code].nameJa, permissions: [...ROLES[code].permissions] })),
  );

  app.get(
    '/offices',
    { config: routeAccess(STAFF_OPERATIONS['office.list']), schema: { summary: '拠点の一覧', tags, response: { 200: z.array(officeSummarySchema) } } },
    (request) => staff.offices(actorOf(request)),
  );

  app.get(
    '/staff-inventory',
    { config: routeAccess(STAFF_OPERATIONS['staff.inventory']), schema: { summary: 'ユーザーIDの棚卸し', tags, response: { 200: z.array(inventoryRowSchema) } } },
    (request) => staff.inventory(actorOf(request)),
  );

  app.get(
    '/staff-inventory.csv',
    { config: routeAccess(STAFF_OPERATIONS['staff.inventory.export']), schema: { summary: 'ユーザーIDの棚卸し(CSV)', tags, produces: ['text/csv'] } },
    async (request, reply) => {
      const rows = await staff.inventory(actorOf(request), { download: true });
      const csv = toCsv(
        ['職員番号', '氏名', '所属拠点', '所属', '役割', '状態', '利用開始日', '利用終了日', '最終サインイン', 'パスキー数', '休眠(90日以上)', '期限切れ', 'パスキー未登録', 'サインイン実績なし', '確認事項'],
        rows.map((r) => [
          r.staffNo,
          r.name,
          r.officeName,
          r.department,
          r.roleNames.join('・'),
          r.status === 'active' ? '有効' : '無効',
          r.validFrom,
          r.validTo,
          r.lastSignInAt,
          r.passkeys,
          yesNo(r.dormant),
          yesNo(r.expired),
          yesNo(r.neverEnrolled),
          yesNo(r.neverSignedIn),
          r.findings.join('・'),
        ]),
      );
      return reply.type('text/csv; charset=utf-8').header('content-disposition', attachment(`ユーザーID棚卸し_${japanToday()}.csv`)).send(csv);
    },
  );
};
