import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ErrorObject } from 'ajv';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import { AppError } from './errors.js';
import { ErrorEnvelope } from './api-schemas.js';
import { describeValidationErrors, validatorCompiler } from './validation.js';

export type HttpServer = FastifyInstance<
  import('node:http').Server,
  import('node:http').IncomingMessage,
  import('node:http').ServerResponse,
  FastifyBaseLogger,
  TypeBoxTypeProvider
>;

export interface HttpOptions {
  logger: FastifyBaseLogger | boolean | { level: string };
  /** Largest accepted request body. */
  bodyLimit?: number;
  /** TRUST_PROXY: whose X-Forwarded-For sets request.ip (the login limit's address); off by default. */
  trustProxy?: false | string[];
}

export async function createHttpServer(options: HttpOptions): Promise<HttpServer> {
  const app = Fastify({
    ...(typeof options.logger === 'object' && 'child' in options.logger
      ? { loggerInstance: options.logger }
      : { logger: options.logger }),
    bodyLimit: options.bodyLimit ?? 512 * 1024,
    return503OnClosing: true,
    trustProxy: options.trustProxy ?? false,
    ajv: { customOptions: { removeAdditional: false } },
  }).withTypeProvider<TypeBoxTypeProvider>();

  app.setValidatorCompiler(validatorCompiler);
  app.addSchema(ErrorEnvelope);
  app.setErrorHandler(handleError);
  app.setNotFoundHandler((request, reply) => {
    reply.code(404).send(errorBody('NOT_FOUND', `Alamat ${request.method} ${request.url.split('?')[0]} tidak ditemukan`));
  });

  await app.register(swagger, {
    openapi: {
      info: {
        title: 'P2H API',
        version: '1.0.0',
        description:
          'Pemeriksaan Harian (daily pre-use vehicle inspection). Every response is the envelope ' +
          '{success, message, payload}; errors carry payload.code and, for validation, payload.details.',
      },
      components: { securitySchemes: { bearer: { type: 'http', scheme: 'bearer', bearerFormat: 'JWT' } } },
    },
    refResolver: { buildLocalReference: (json, _baseUri, _fragment, i) => (json.$id as string) ?? `def-${i}` },
  });
  await app.register(swaggerUi, { routePrefix: '/docs' });
  // `/` and the other pages are the web app's, registered by src/http/web.ts.
  return app as unknown as HttpServer;
}

export function errorBody(code: string, message: string, extra: Record<string, unknown> = {}) {
  return { success: false as const, message, payload: { code, ...extra } };
}

function handleError(
  this: FastifyInstance,
  error: FastifyError & { validation?: ErrorObject[]; validationContext?: string },
  request: import('fastify').FastifyRequest,
  reply: import('fastify').FastifyReply,
) {
  if (error instanceof AppError) {
    if (error.headers) reply.headers(error.headers);
    return reply
      .code(error.statusCode)
      .send(errorBody(error.code, error.message, error.details ? { details: error.details } : {}));
  }
  if (error.validation) {
    const details = describeValidationErrors(error.validation, error.validationContext);
    return reply.code(400).send(errorBody('VALIDATION_ERROR', 'Data yang dikirim tidak valid', { details }));
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return reply.code(413).send(errorBody('PAYLOAD_TOO_LARGE', 'Data yang dikirim terlalu besar'));
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return reply.code(415).send(errorBody('UNSUPPORTED_MEDIA_TYPE', 'Gunakan Content-Type: application/json'));
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return reply.code(400).send(errorBody('EMPTY_BODY', 'Body JSON kosong'));
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return reply.code(400).send(errorBody('INVALID_JSON', 'Body bukan JSON yang valid'));
  }
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') {
    return reply.code(400).send(errorBody('INVALID_JSON', 'Body bukan JSON yang valid'));
  }
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return reply.code(status).send(errorBody('BAD_REQUEST', 'Permintaan tidak valid'));
  }
  request.log.error({ err: error }, 'unhandled error');
  return reply.code(500).send(errorBody('INTERNAL_ERROR', 'Terjadi kesalahan pada server, silakan coba lagi'));
}
