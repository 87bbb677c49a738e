import { Type } from '@sinclair/typebox';
import { actorOf } from '../auth/guard.js';
import { created, envelope, IdParams, ok, Paged, PagingQuery, pageEnvelope } from '../http/envelope.js';
import { withPaging } from '../lib/paging.js';
import type { HttpServer } from '../http/server.js';
import { EmailInput, FullName, PasswordInput, PhoneInput, RoleSchema, UserSchema } from './api-schemas.js';
import type { UsersService } from './service.js';

const UserRef = Type.Ref(UserSchema);
const tags = ['users'];
const security = [{ bearer: [] }];

export function registerUserRoutes(app: HttpServer, deps: { users: UsersService }) {
  const { users } = deps;

  app.get(
    '/api/users/me',
    { schema: { tags, security, summary: 'The logged-in user', response: ok(UserRef) } },
    async (request) => envelope('Data user berhasil diambil', await users.get(actorOf(request).id)),
  );

  app.post(
    '/api/users',
    {
      schema: {
        tags,
        security,
        summary: 'Create a user (admins create drivers and viewers; superadmins any role)',
        body: Type.Object(
          { full_name: FullName, phone_number: PhoneInput, email: Type.Optional(EmailInput), role: RoleSchema, password: PasswordInput },
          { additionalProperties: false },
        ),
        response: created(UserRef),
      },
    },
    async (request, reply) => {
      const user = await users.create(actorOf(request), request.body);
      return reply.code(201).send(envelope('User berhasil dibuat', user));
    },
  );

  app.get(
    '/api/users',
    {
      schema: {
        tags,
        security,
        summary: 'List users with paging; q searches name, phone and email; telegram_linked filters linked/unlinked',
        querystring: Type.Object(
          {
            ...PagingQuery,
            q: Type.Optional(Type.String({ maxLength: 100 })),
            role: Type.Optional(RoleSchema),
            is_active: Type.Optional(Type.Boolean()),
            telegram_linked: Type.Optional(Type.Boolean()),
          },
          { additionalProperties: false },
        ),
        response: ok(Paged(UserRef)),
      },
    },
    async (request) => {
      const query = withPaging(request.query);
      return pageEnvelope('Daftar user berhasil diambil', query, await users.list(query));
    },
  );

  app.get(
    '/api/users/:id',
    { schema: { tags, security, params: IdParams, response: ok(UserRef) } },
    async (request) => envelope('Data user berhasil diambil', await users.get(request.params.id)),
  );

  app.patch(
    '/api/users/:id',
    {
      schema: {
        tags,
        security,
        summary: 'Edit a user; a new password here is an admin reset',
        params: IdParams,
        body: Type.Object(
          {
            full_name: Type.Optional(FullName),
            phone_number: Type.Optional(PhoneInput),
            email: Type.Optional(EmailInput),
            role: Type.Optional(RoleSchema),
            is_active: Type.Optional(Type.Boolean()),
            password: Type.Optional(PasswordInput),
          },
          { additionalProperties: false, minProperties: 1 },
        ),
        response: ok(UserRef),
      },
    },
    async (request) =>
      envelope('User berhasil diubah', await users.update(actorOf(request), request.params.id, request.body)),
  );

  app.delete(
    '/api/users/:id',
    { schema: { tags, security, summary: 'Deactivate a user', params: IdParams, response: ok(UserRef) } },
    async (request) => envelope('User berhasil dinonaktifkan', await users.deactivate(actorOf(request), request.params.id)),
  );
}
