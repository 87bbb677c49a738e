import { Type } from '@sinclair/typebox';
import { actorOf } from '../auth/guard.js';
import { IdParams, Paged } from '../http/api-schemas.js';
import { created, envelope, ok, pageEnvelope } from '../http/envelope.js';
import { withPaging } from '../lib/paging.js';
import type { HttpServer } from '../http/server.js';
import { CreateUserBody, UpdateUserBody, UserListQuerySchema, UserSchema } from './api-schemas.js';
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
        body: CreateUserBody,
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
        querystring: UserListQuerySchema,
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
        body: UpdateUserBody,
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
