import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { requireActor, responses, WorkspaceParams } from '../http.ts';
import { Agenda } from './schemas.ts';
import { getAgenda } from './service.ts';

export const agendaRoutes: FastifyPluginAsyncZod = async (app) => {
  app.get(
    '/w/:workspaceId/agenda',
    {
      schema: {
        tags: ['agenda'],
        summary:
          'My day: the caller’s tasks (R or A), process steps, check-ins and KPI values due, grouped overdue / today / this week / later, and the team’s upcoming milestones',
        params: WorkspaceParams,
        response: responses({ 200: Agenda }),
      },
    },
    async (request) => getAgenda(app.services, requireActor(request), request.params.workspaceId),
  );
};
