import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { NoContent, requireActor, responses, WorkspaceParams, workspaceContext } from '../http.ts';
import {
  AttendanceBody,
  Course,
  CourseBody,
  CourseParams,
  DevelopmentGoalBody,
  GapTrainingBody,
  LevelBody,
  Matrix,
  Session,
  SessionBody,
  SessionChanges,
  SessionParams,
  TargetBody,
  Training,
} from './schemas.ts';
import * as service from './service.ts';

export const skillRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.services;

  app.get(
    '/w/:workspaceId/skills',
    {
      schema: {
        tags: ['training'],
        summary:
          'Skills matrix: people × skills (levels 1–5), target levels per role title, gaps against targets, open tasks and signed-off reviews the caller may read',
        params: WorkspaceParams,
        response: responses({ 200: Matrix }),
      },
    },
    async (request) => service.getMatrix(services, requireActor(request), request.params.workspaceId),
  );

  app.put(
    '/w/:workspaceId/skills/levels',
    {
      schema: {
        tags: ['training'],
        summary: 'Set one person’s level in one skill (null takes it away); anyone may set their own',
        params: WorkspaceParams,
        body: LevelBody,
        response: responses({ 200: Matrix }),
      },
    },
    async (request) =>
      service.setLevel(services, requireActor(request), request.params.workspaceId, request.body),
  );

  app.put(
    '/w/:workspaceId/skills/targets',
    {
      schema: {
        tags: ['training'],
        summary: 'Set the level a role title asks for in one skill (null drops the target)',
        params: WorkspaceParams,
        body: TargetBody,
        response: responses({ 200: Matrix }),
      },
    },
    async (request) =>
      service.setTarget(services, requireActor(request), request.params.workspaceId, request.body),
  );

  app.post(
    '/w/:workspaceId/skills/gap-training',
    {
      schema: {
        tags: ['training'],
        summary:
          'Plan training for a gap: a session of the skill’s course with everyone who has the gap invited',
        params: WorkspaceParams,
        body: GapTrainingBody,
        response: responses({ 201: z.object({ session: Session }) }),
      },
    },
    async (request, reply) =>
      reply.status(201).send({
        session: await service.planTrainingForGap(workspaceContext(services, request), {
          input: request.body,
        }),
      }),
  );

  app.post(
    '/w/:workspaceId/skills/development-goals',
    {
      schema: {
        tags: ['training'],
        summary: 'A personal development goal in the goal tree: owned by the person, aiming at a skill level',
        params: WorkspaceParams,
        body: DevelopmentGoalBody,
        response: responses({ 201: z.object({ goalId: z.string() }) }),
      },
    },
    async (request, reply) =>
      reply.status(201).send({
        goalId: await service.createDevelopmentGoal(workspaceContext(services, request), {
          input: request.body,
        }),
      }),
  );

  app.get(
    '/w/:workspaceId/training',
    {
      schema: {
        tags: ['training'],
        summary: 'Courses, and training sessions newest first with attendance, completion and assessment',
        params: WorkspaceParams,
        response: responses({ 200: Training }),
      },
    },
    async (request) => service.listTraining(services, requireActor(request), request.params.workspaceId),
  );

  app.post(
    '/w/:workspaceId/training/courses',
    {
      schema: {
        tags: ['training'],
        summary: 'Create a course, optionally for a skill and the level it trains to',
        params: WorkspaceParams,
        body: CourseBody,
        response: responses({ 201: z.object({ course: Course }) }),
      },
    },
    async (request, reply) =>
      reply.status(201).send({
        course: await service.createCourse(
          services,
          requireActor(request),
          request.params.workspaceId,
          request.body,
        ),
      }),
  );

  app.patch(
    '/w/:workspaceId/training/courses/:courseId',
    {
      schema: {
        tags: ['training'],
        summary: 'Change a course',
        params: CourseParams,
        body: CourseBody.partial(),
        response: responses({ 200: z.object({ course: Course }) }),
      },
    },
    async (request) => ({
      course: await service.updateCourse(workspaceContext(services, request), {
        courseId: request.params.courseId,
        input: request.body,
      }),
    }),
  );

  app.post(
    '/w/:workspaceId/training/sessions',
    {
      schema: {
        tags: ['training'],
        summary: 'Plan a session of a course: date, trainer, materials and the people invited',
        params: WorkspaceParams,
        body: SessionBody,
        response: responses({ 201: z.object({ session: Session }) }),
      },
    },
    async (request, reply) =>
      reply.status(201).send({
        session: await service.createSession(
          services,
          requireActor(request),
          request.params.workspaceId,
          request.body,
        ),
      }),
  );

  app.patch(
    '/w/:workspaceId/training/sessions/:sessionId',
    {
      schema: {
        tags: ['training'],
        summary: 'Change a session; invitees who stay keep their attendance and assessment',
        params: SessionParams,
        body: SessionChanges,
        response: responses({ 200: z.object({ session: Session }) }),
      },
    },
    async (request) => ({
      session: await service.updateSession(workspaceContext(services, request), {
        sessionId: request.params.sessionId,
        input: request.body,
      }),
    }),
  );

  app.put(
    '/w/:workspaceId/training/sessions/:sessionId/attendance',
    {
      schema: {
        tags: ['training'],
        summary:
          'Record attendance, completion and the post-training assessment; a passed one raises the matrix level',
        params: SessionParams,
        body: AttendanceBody,
        response: responses({ 200: z.object({ session: Session }) }),
      },
    },
    async (request) => ({
      session: await service.recordAttendance(workspaceContext(services, request), {
        sessionId: request.params.sessionId,
        items: request.body.items,
      }),
    }),
  );

  app.delete(
    '/w/:workspaceId/training/sessions/:sessionId',
    {
      schema: {
        tags: ['training'],
        summary: 'Delete a session and its attendance',
        params: SessionParams,
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      await service.deleteSession(
        services,
        requireActor(request),
        request.params.workspaceId,
        request.params.sessionId,
      );
      return reply.status(204).send(null);
    },
  );
};
