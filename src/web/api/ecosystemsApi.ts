/**
 * Ecosystems, their people and invitations, and a member's own settings (docs/product.md §2, §9). Every rule
 * about who may do what is asked of src/policies/ by the commands these routes call.
 */
import { createRoute, z } from '@hono/zod-openapi';
import type { Context } from 'hono';
import { createEcosystem, listMembers, listMyEcosystems, requireMembership } from '../../ecosystems/ecosystems.ts';
import {
  answerInvitation,
  inviteMember,
  listMyInvitations,
  listPendingInvitations,
  revokeInvitation,
} from '../../ecosystems/invitations.ts';
import { changeRole, removeMember, updateMySettings } from '../../ecosystems/members.ts';
import { emailSchema } from '../../meetings/meetingInput.ts';
import {
  changeEcosystemSettings,
  ecosystemSettings,
  ecosystemSettingsChange,
  ecosystemSettingsSchema,
} from '../../ecosystems/ecosystemSettings.ts';
import { lineSchema } from '../../freeText.ts';
import type { AppDeps } from '../../appDeps.ts';
import type { AppEnv } from '../appEnv.ts';
import { createApiRouter, errorResponses, idParam, jsonBody, jsonResponse, requireSession } from './apiRouter.ts';

const role = z.enum(['admin', 'host', 'member']);

export const createEcosystemInput = z.strictObject({ name: lineSchema(120) }).openapi('CreateEcosystem');
export const inviteInput = z.strictObject({ email: emailSchema, role }).openapi('Invite');
export const roleInput = z.strictObject({ role }).openapi('RoleChange');
export const mySettingsInput = z.strictObject({ zoomForOthers: z.boolean() }).openapi('MySettings');

const ecosystemSchema = z.object({ id: z.string(), name: z.string(), role }).openapi('Ecosystem');
const memberSchema = z
  .object({
    userId: z.string(),
    name: z.string(),
    email: z.string().optional().openapi({ description: 'Only for admins, and your own (docs/product.md §2)' }),
    role,
    zoomForOthers: z.boolean(),
  })
  .openapi('Member');
const sentInvitationSchema = z
  .object({ id: z.string(), email: z.string(), role, status: z.literal('invited'), invitedAt: z.string() })
  .openapi('SentInvitation');
const receivedInvitationSchema = z
  .object({ id: z.string(), ecosystem: z.object({ id: z.string(), name: z.string() }), role, invitedAt: z.string() })
  .openapi('Invitation');
const answerSchema = z
  .object({ ecosystem: z.object({ id: z.string(), name: z.string() }), role, status: z.enum(['accepted', 'declined']) })
  .openapi('InvitationAnswer');

export function invitationDeps(deps: AppDeps) {
  return {
    db: deps.database.db,
    queue: deps.queue,
    appBaseUrl: deps.config.appBaseUrl,
    mailLimits: deps.config.mailQuota,
    now: deps.providerJobs.now,
  };
}

/** The signed-in user's membership of the path's ecosystem (404 for anyone else's). */
async function membershipOf(c: Context<AppEnv>, ecosystemId: string) {
  const session = await requireSession(c);
  return { session, membership: await requireMembership(c.var.deps.database.db, session.user.id, ecosystemId) };
}

const ecoAndUser = z.object({
  ecosystemId: idParam('ecosystemId').shape.ecosystemId,
  userId: idParam('userId').shape.userId,
});
const ecoAndInvitation = z.object({
  ecosystemId: idParam('ecosystemId').shape.ecosystemId,
  invitationId: idParam('invitationId').shape.invitationId,
});

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
      const session = await requireSession(c);
      // It starts in its creator's language (docs/product.md §15).
      const created = await createEcosystem(
        c.var.deps.database.db,
        session.user.id,
        c.req.valid('json').name,
        session.user.locale,
      );
      return c.json({ ...created, role: 'admin' as const }, 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/ecosystems',
      responses: {
        200: jsonResponse('Ecosystems I belong to', z.object({ items: z.array(ecosystemSchema) })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const session = await requireSession(c);
      const mine = await listMyEcosystems(c.var.deps.database.db, session.user.id);
      return c.json({ items: mine.map((m) => ({ id: m.ecosystemId, name: m.ecosystemName, role: m.role })) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/ecosystems/{ecosystemId}/members',
      request: { params: idParam('ecosystemId') },
      responses: {
        200: jsonResponse('Members (not invitees)', z.object({ items: z.array(memberSchema) })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { membership } = await membershipOf(c, c.req.valid('param').ecosystemId);
      return c.json({ items: await listMembers(c.var.deps.database.db, membership) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/ecosystems/{ecosystemId}/members',
      request: { params: idParam('ecosystemId'), ...jsonBody(inviteInput) },
      responses: {
        201: jsonResponse('Invited (the same answer whether or not the email has an account)', sentInvitationSchema),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { session, membership } = await membershipOf(c, c.req.valid('param').ecosystemId);
      const sent = await inviteMember(
        invitationDeps(c.var.deps),
        { ...membership, inviterName: session.user.name, inviterEmail: session.user.email },
        c.req.valid('json'),
      );
      return c.json(sent, 201);
    },
  );

  api.openapi(
    createRoute({
      method: 'put',
      path: '/ecosystems/{ecosystemId}/members/{userId}',
      request: { params: ecoAndUser, ...jsonBody(roleInput) },
      responses: { 200: jsonResponse('Role changed', memberSchema), ...errorResponses },
    }),
    async (c) => {
      const { ecosystemId, userId } = c.req.valid('param');
      const { membership } = await membershipOf(c, ecosystemId);
      const { db } = c.var.deps.database;
      await changeRole(db, membership, userId, c.req.valid('json').role);
      const member = (await listMembers(db, membership)).find((m) => m.userId === userId)!;
      return c.json(member, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'delete',
      path: '/ecosystems/{ecosystemId}/members/{userId}',
      request: { params: ecoAndUser },
      responses: { 204: { description: 'Removed (or left)' }, ...errorResponses },
    }),
    async (c) => {
      const { ecosystemId, userId } = c.req.valid('param');
      const { membership } = await membershipOf(c, ecosystemId);
      await removeMember(c.var.deps.database.db, membership, userId);
      return c.body(null, 204);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/ecosystems/{ecosystemId}/invitations',
      request: { params: idParam('ecosystemId') },
      responses: {
        200: jsonResponse('Open invitations (admins)', z.object({ items: z.array(sentInvitationSchema) })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { membership } = await membershipOf(c, c.req.valid('param').ecosystemId);
      return c.json({ items: await listPendingInvitations(c.var.deps.database.db, membership) }, 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'delete',
      path: '/ecosystems/{ecosystemId}/invitations/{invitationId}',
      request: { params: ecoAndInvitation },
      responses: { 204: { description: 'Revoked' }, ...errorResponses },
    }),
    async (c) => {
      const { ecosystemId, invitationId } = c.req.valid('param');
      const { membership } = await membershipOf(c, ecosystemId);
      await revokeInvitation(c.var.deps.database.db, membership, invitationId);
      return c.body(null, 204);
    },
  );

  api.openapi(
    createRoute({
      method: 'put',
      path: '/ecosystems/{ecosystemId}/my-settings',
      request: { params: idParam('ecosystemId'), ...jsonBody(mySettingsInput) },
      responses: { 200: jsonResponse('My settings in this ecosystem', mySettingsInput), ...errorResponses },
    }),
    async (c) => {
      const { membership } = await membershipOf(c, c.req.valid('param').ecosystemId);
      return c.json(await updateMySettings(c.var.deps.database.db, membership, c.req.valid('json')), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/ecosystems/{ecosystemId}/settings',
      request: { params: idParam('ecosystemId') },
      responses: {
        200: jsonResponse('The ecosystem’s settings: its language and reminders (admins)', ecosystemSettingsSchema),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { membership } = await membershipOf(c, c.req.valid('param').ecosystemId);
      return c.json(await ecosystemSettings(c.var.deps.database.db, membership), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'put',
      path: '/ecosystems/{ecosystemId}/settings',
      request: { params: idParam('ecosystemId'), ...jsonBody(ecosystemSettingsChange) },
      responses: {
        200: jsonResponse('The ecosystem’s settings, changed (admins)', ecosystemSettingsSchema),
        ...errorResponses,
      },
    }),
    async (c) => {
      const { membership } = await membershipOf(c, c.req.valid('param').ecosystemId);
      return c.json(await changeEcosystemSettings(c.var.deps.database.db, membership, c.req.valid('json')), 200);
    },
  );

  api.openapi(
    createRoute({
      method: 'get',
      path: '/invitations',
      responses: {
        200: jsonResponse('Open invitations addressed to me', z.object({ items: z.array(receivedInvitationSchema) })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const session = await requireSession(c);
      return c.json({ items: await listMyInvitations(c.var.deps.database.db, session.user) }, 200);
    },
  );

  for (const answer of ['accept', 'decline'] as const) {
    api.openapi(
      createRoute({
        method: 'post',
        path: `/invitations/{invitationId}/${answer}`,
        request: { params: idParam('invitationId') },
        responses: {
          200: jsonResponse(answer === 'accept' ? 'Accepted: now a member' : 'Declined', answerSchema),
          ...errorResponses,
        },
      }),
      async (c) => {
        const session = await requireSession(c);
        return c.json(
          await answerInvitation(c.var.deps.database.db, session.user, c.req.valid('param').invitationId, answer),
          200,
        );
      },
    );
  }

  return api;
}
