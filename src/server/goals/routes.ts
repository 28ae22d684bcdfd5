import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { Id, NoContent, requireActor, responses, WorkspaceParams, workspaceContext } from '../http.ts';
import * as schemas from './schemas.ts';
import * as service from './service.ts';

const GoalParams = WorkspaceParams.extend({ goalId: Id });
const KeyResultParams = WorkspaceParams.extend({ keyResultId: Id });

export const goalRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.services;

  app.get(
    '/w/:workspaceId/dashboard',
    {
      schema: {
        tags: ['goals'],
        summary: 'Goals by health, the ones needing attention, and red KPIs',
        params: WorkspaceParams,
        response: responses({ 200: schemas.Dashboard }),
      },
    },
    async (request) =>
      service.getDashboard(services, requireActor(request), request.params.workspaceId, request.locale),
  );

  app.post(
    '/w/:workspaceId/smart',
    {
      schema: {
        tags: ['goals'],
        summary: 'SMART analysis of a goal statement, live as the goal form is typed',
        params: WorkspaceParams,
        body: schemas.SmartBody,
        response: responses({ 200: schemas.SmartAnalysis }),
      },
    },
    async (request) => service.analyseStatement(workspaceContext(services, request), { input: request.body }),
  );

  app.get(
    '/w/:workspaceId/goals',
    {
      schema: {
        tags: ['goals'],
        summary:
          'The goal tree, compact: a level at a time (?parentId=root, then a goal’s id when it is expanded), searched or filtered, paged; with no parameters every goal (for pickers)',
        params: WorkspaceParams,
        querystring: schemas.GoalListQuery,
        response: responses({ 200: schemas.GoalList }),
      },
    },
    async (request) =>
      service.listGoalNodes(services, requireActor(request), request.params.workspaceId, request.query),
  );

  app.post(
    '/w/:workspaceId/goals',
    {
      schema: {
        tags: ['goals'],
        summary: 'Create a goal with its key results',
        params: WorkspaceParams,
        body: schemas.CreateGoalBody,
        response: responses({ 201: schemas.GoalDetail }),
      },
    },
    async (request, reply) => {
      return reply
        .status(201)
        .send(await service.createGoal(workspaceContext(services, request), { input: request.body }));
    },
  );

  app.get(
    '/w/:workspaceId/goals/:goalId',
    {
      schema: {
        tags: ['goals'],
        summary: 'A goal with key results, sub-goals, check-ins and its place in the tree',
        params: GoalParams,
        response: responses({ 200: schemas.GoalDetail }),
      },
    },
    async (request) =>
      service.getGoal(workspaceContext(services, request), { goalId: request.params.goalId }),
  );

  app.patch(
    '/w/:workspaceId/goals/:goalId',
    {
      schema: {
        tags: ['goals'],
        summary: 'Change a goal, including its parent (cycles are refused)',
        params: GoalParams,
        body: schemas.UpdateGoalBody,
        response: responses({ 200: schemas.GoalDetail }),
      },
    },
    async (request) =>
      service.updateGoal(workspaceContext(services, request), {
        goalId: request.params.goalId,
        input: request.body,
      }),
  );

  app.delete(
    '/w/:workspaceId/goals/:goalId',
    {
      schema: {
        tags: ['goals'],
        summary: 'Delete a goal without sub-goals',
        params: GoalParams,
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      await service.deleteGoal(
        services,
        requireActor(request),
        request.params.workspaceId,
        request.params.goalId,
      );
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/w/:workspaceId/goals/:goalId/key-results',
    {
      schema: {
        tags: ['goals'],
        summary: 'Add a key result: a KPI with baseline and target, or a deliverable',
        params: GoalParams,
        body: schemas.KeyResultBody,
        response: responses({ 201: schemas.GoalDetail }),
      },
    },
    async (request, reply) => {
      const goal = await service.addKeyResult(workspaceContext(services, request), {
        goalId: request.params.goalId,
        input: request.body,
      });
      return reply.status(201).send(goal);
    },
  );

  app.patch(
    '/w/:workspaceId/key-results/:keyResultId',
    {
      schema: {
        tags: ['goals'],
        summary: 'Change a key result, or tick a deliverable done',
        params: KeyResultParams,
        body: schemas.UpdateKeyResultBody,
        response: responses({ 200: schemas.GoalDetail }),
      },
    },
    async (request) =>
      service.updateKeyResult(workspaceContext(services, request), {
        keyResultId: request.params.keyResultId,
        input: request.body,
      }),
  );

  app.delete(
    '/w/:workspaceId/key-results/:keyResultId',
    {
      schema: {
        tags: ['goals'],
        summary: 'Remove a key result',
        params: KeyResultParams,
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      await service.deleteKeyResult(
        services,
        requireActor(request),
        request.params.workspaceId,
        request.params.keyResultId,
      );
      return reply.status(204).send(null);
    },
  );

  app.post(
    '/w/:workspaceId/goals/:goalId/check-ins',
    {
      schema: {
        tags: ['goals'],
        summary: 'Record a check-in (note, confidence 1–10, blockers); answers with it and the goal summary',
        params: GoalParams,
        body: schemas.CheckInBody,
        response: responses({ 201: schemas.CheckInAnswer }),
      },
    },
    async (request, reply) => {
      return reply.status(201).send(
        await service.addCheckIn(workspaceContext(services, request), {
          goalId: request.params.goalId,
          input: request.body,
        }),
      );
    },
  );
};
