import swagger from '@fastify/swagger';
import swaggerUi from '@fastify/swagger-ui';
import type { TypeBoxTypeProvider } from '@fastify/type-provider-typebox';
import type { ErrorObject } from 'ajv';
import Fastify, { type FastifyBaseLogger, type FastifyError, type FastifyInstance } from 'fastify';
import type { ErrorCode } from '../lib/error-codes.js';
import { DomainError } from '../lib/errors.js';
import { ErrorEnvelope } from './api-schemas.js';
import { HTTP_STATUS, statusOf } from './error-status.js';
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
    reply.code(HTTP_STATUS.NOT_FOUND).send(errorBody('NOT_FOUND', `Alamat ${request.method} ${request.url.split('?')[0]} tidak ditemukan`));
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

export function errorBody(code: ErrorCode, message: string, extra: Record<string, unknown> = {}) {
  return { success: false as const, message, payload: { code, ...extra } };
}

function handleError(
  this: FastifyInstance,
  error: FastifyError & { validation?: ErrorObject[]; validationContext?: string },
  request: import('fastify').FastifyRequest,
  reply: import('fastify').FastifyReply,
) {
  if (error instanceof DomainError) {
    if (error.retryAfterSeconds !== undefined) reply.header('retry-after', String(error.retryAfterSeconds));
    return reply
      .code(statusOf(error.code, request))
      .send(errorBody(error.code, error.message, { ...error.payload, ...(error.details && { details: error.details }) }));
  }
  const refuse = (code: ErrorCode, message: string, extra?: Record<string, unknown>) =>
    reply.code(HTTP_STATUS[code]).send(errorBody(code, message, extra));
  if (error.validation) {
    const details = describeValidationErrors(error.validation, error.validationContext);
    return refuse('VALIDATION_ERROR', 'Data yang dikirim tidak valid', { details });
  }
  switch (error.code) {
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return refuse('PAYLOAD_TOO_LARGE', 'Data yang dikirim terlalu besar');
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
      return refuse('UNSUPPORTED_MEDIA_TYPE', 'Gunakan Content-Type: application/json');
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return refuse('EMPTY_BODY', 'Body JSON kosong');
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
      return refuse('INVALID_JSON', 'Body bukan JSON yang valid');
  }
  if (error instanceof SyntaxError || error.code === 'FST_ERR_CTP_INVALID_CONTENT_LENGTH') {
    return refuse('INVALID_JSON', 'Body bukan JSON yang valid');
  }
  // Any other 4xx the framework raised keeps its own status.
  const status = error.statusCode ?? 500;
  if (status >= 400 && status < 500) {
    return reply.code(status).send(errorBody('BAD_REQUEST', 'Permintaan tidak valid'));
  }
  request.log.error({ err: error }, 'unhandled error');
  return refuse('INTERNAL_ERROR', 'Terjadi kesalahan pada server, silakan coba lagi');
}
