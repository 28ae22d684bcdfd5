import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor, responses, WorkspaceParams } from '../http.ts';
import { MyDaySchema } from './schemas.ts';
import { getMyDay } from './service.ts';

export const myDayRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/w/:workspaceId/my-day',
    {
      schema: {
        tags: ['my-day'],
        summary:
          'My day: the caller’s tasks (R or A), process steps, check-ins and KPI values due, grouped overdue / today / this week / later, and the team’s upcoming milestones',
        params: WorkspaceParams,
        response: responses({ 200: MyDaySchema }),
      },
    },
    async (request) => getMyDay(app.services, requireActor(request), request.params.workspaceId),
  );
};
