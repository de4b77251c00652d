/** @module Certificates over HTTP: issue (or reprint) a vehicle's certificates as one PDF, and list what was issued. */
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { actorOf } from '../access/http.js';
import { routeAccess } from '../access/operations.js';
import type { AppDependencies } from '../composition.js';
import { declarationNoSchema, formatDeclarationNo } from '../vehicles/model.js';
import { certificateRequestSchema, issuedCertificateSchema } from './model.js';
import { CERTIFICATE_OPERATIONS } from './operations.js';

const params = z.object({ declarationNo: declarationNoSchema.transform(formatDeclarationNo) });

/** The numbers issued travel in a header, as the body is the PDF itself. */
export const CERTIFICATE_NUMBERS_HEADER = 'x-certificate-numbers';

export const certificateRoutes: FastifyPluginAsyncZod<AppDependencies> = async (app, { certificates }) => {
  const tags = ['certificates'];

  app.post(
    '/vehicles/:declarationNo/certificates',
    {
      config: routeAccess(CERTIFICATE_OPERATIONS['certificate.issue'], CERTIFICATE_OPERATIONS['certificate.reprint']),
      schema: {
        summary: '標識交付証明書・廃車申告受付書の発行(PDF)',
        description:
          'A4縦のPDFを返します。名義変更(owner_change)は新所有者の標識交付証明書と旧所有者の廃車申告受付書を1つのPDFに収めます。再発行は「再発行」と元の証明書番号を印字し、新しい番号で記録します。発行した証明書番号は応答ヘッダー x-certificate-numbers にあります。',
        tags,
        params,
        body: certificateRequestSchema,
        produces: ['application/pdf'],
      },
    },
    async (request, reply) => {
      const issued = await certificates.issueForVehicle(actorOf(request), request.params.declarationNo, request.body);
      const numbers = issued.certificates.map((certificate) => certificate.certificateNo);
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="certificate-${numbers.join('_')}.pdf"`)
        .header('cache-control', 'no-store')
        .header(CERTIFICATE_NUMBERS_HEADER, numbers.join(','))
        .send(issued.pdf);
    },
  );

  app.get(
    '/vehicles/:declarationNo/certificates',
    {
      config: routeAccess(CERTIFICATE_OPERATIONS['certificate.list']),
      schema: {
        summary: '発行した証明書の一覧(新しい順)',
        tags,
        params,
        response: { 200: z.array(issuedCertificateSchema.extend({ officeCode: z.string(), staffNo: z.string().nullable(), issuedAt: z.string() })) },
      },
    },
    (request) => certificates.list(actorOf(request), request.params.declarationNo),
  );
};
