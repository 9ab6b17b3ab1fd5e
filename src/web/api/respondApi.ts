/**
 * A personal link as JSON (docs/product.md §13.2): `GET /api/respond/{token}` shows what the link
 * offers and changes nothing; `POST` takes its action. No session: the link is the holder's key.
 */
import { createRoute, z } from '@hono/zod-openapi';
import { answerRespondLink, readRespondLink } from '../../meetings/respondAnswers.ts';
import { MAX_REASON_LENGTH } from '../../meetings/approval.ts';
import { englishError } from '../../errors.ts';
import { createApiRouter, errorResponses, jsonBody, jsonResponse } from './apiRouter.ts';
import { meetingDeps } from './meetingsApi.ts';
import { loadMeetingView } from '../../meetings/meetingQueries.ts';
import { tryRemoveNow } from '../../meetings/provisionNow.ts';
import type { AppDeps } from '../../appDeps.ts';

const action = z.enum(['decline', 'cancel', 'unregister']);

const tokenParam = z.object({
  token: z.string().openapi({ param: { name: 'token', in: 'path' }, description: 'The token of a mailed link' }),
});

export const respondChoicesSchema = z
  .object({
    record: z.object({
      id: z.string(),
      kind: z.enum(['booking', 'mentorship', 'event']),
      title: z.string(),
      startTime: z.string(),
      durationMinutes: z.number(),
      timezone: z.string(),
      hostName: z.string(),
    }),
    email: z.string().openapi({ description: 'Whose link it is' }),
    actions: z.array(action),
  })
  .openapi('RespondChoices');

export const respondInput = z
  .strictObject({
    action,
    reason: z
      .string()
      .max(MAX_REASON_LENGTH, { message: englishError('input.reasonLength', { max: MAX_REASON_LENGTH }) })
      .optional(),
  })
  .openapi('RespondAnswer');

export function respondApi() {
  const api = createApiRouter();

  api.openapi(
    createRoute({
      method: 'get',
      path: '/respond/{token}',
      request: { params: tokenParam },
      responses: { 200: jsonResponse('What this link lets its holder do', respondChoicesSchema), ...errorResponses },
    }),
    async (c) => c.json(await readRespondLink(meetingDeps(c.var.deps), c.req.valid('param').token), 200),
  );

  api.openapi(
    createRoute({
      method: 'post',
      path: '/respond/{token}',
      request: { params: tokenParam, ...jsonBody(respondInput) },
      responses: {
        200: jsonResponse('Done', respondChoicesSchema.extend({ done: action })),
        ...errorResponses,
      },
    }),
    async (c) => {
      const deps = meetingDeps(c.var.deps);
      const { action: chosen, reason } = c.req.valid('json');
      const answer = await answerRespondLink(deps, c.req.valid('param').token, {
        action: chosen,
        reason: reason?.trim() || undefined,
      });
      if (answer.done === 'cancel') await removeNowIfZoom(c.var.deps, answer.record.id);
      return c.json(answer, 200);
    },
  );

  return api;
}

/** After a cancel by link, as after one in the app: try the Zoom delete at once (its job stays the backstop). */
export async function removeNowIfZoom(deps: AppDeps, meetingId: string): Promise<void> {
  const meeting = await loadMeetingView(deps.database.db, meetingId);
  if (meeting.location.type === 'zoom') await tryRemoveNow(deps.providerJobs, meetingId, meeting.ecosystemId);
}
