/** `POST /api/ecosystems`, `GET /api/ecosystems`, `POST /api/ecosystems/{id}/members` (SPEC §9). */
import { createRoute, z } from '@hono/zod-openapi';
import { addMember, createEcosystem, listMyEcosystems, requireMembership } from '../../ecosystems/ecosystems.ts';
import { emailSchema } from '../../meetings/meetingInput.ts';
import { createApiRouter, errorResponses, idParam, jsonBody, jsonResponse, requireSession } from './apiRouter.ts';

export const createEcosystemInput = z.strictObject({ name: z.string().trim().min(1).max(120) }).openapi('CreateEcosystem');
export const addMemberInput = z
  .strictObject({ email: emailSchema, role: z.enum(['admin', 'host', 'member']) })
  .openapi('AddMember');

const ecosystemSchema = z.object({ id: z.string(), name: z.string(), role: z.enum(['admin', 'host', 'member']) }).openapi('Ecosystem');
const memberSchema = z
  .object({ userId: z.string(), name: z.string(), email: z.string(), role: z.enum(['admin', 'host', 'member']) })
  .openapi('Member');

export function ecosystemsApi() {
  const api = createApiRouter();

  api.openapi(
    createRoute({
      method: 'post',
      path: '/ecosystems',
      request: jsonBody(createEcosystemInput),
      responses: { 201: jsonResponse('Created; the creator is its admin', ecosystemSchema), ...errorResponses },
    }),
    async (c) => {
      const session = requireSession(c);
      const created = await createEcosystem(c.var.deps.database.db, session.user.id, c.req.valid('json').name);
      return c.json({ ...created, role: 'admin' as const }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/ecosystems',
      responses: { 200: jsonResponse('Ecosystems I belong to', z.object({ items: z.array(ecosystemSchema) })), ...errorResponses },
    }),
    async (c) => {
      const session = requireSession(c);
      const mine = await listMyEcosystems(c.var.deps.database.db, session.user.id);
      return c.json({ items: mine.map((m) => ({ id: m.ecosystemId, name: m.ecosystemName, role: m.role })) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/ecosystems/{ecosystemId}/members',
      request: { params: idParam('ecosystemId'), ...jsonBody(addMemberInput) },
      responses: { 201: jsonResponse('Added (or role changed)', memberSchema), ...errorResponses },
    }),
    async (c) => {
      const session = requireSession(c);
      const { db } = c.var.deps.database;
      const membership = await requireMembership(db, session.user.id, c.req.valid('param').ecosystemId);
      return c.json(await addMember(db, membership, c.req.valid('json')), 201);
    },
  );

  return api;
}
