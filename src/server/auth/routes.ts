import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { requireActor, requireSessionActor, responses, NoContent } from '../http.ts';
import { clearSessionCookies, setSessionCookies } from '../plugins/auth.ts';
import * as schemas from './schemas.ts';
import * as service from './service.ts';

const UserResponse = z.object({ user: schemas.UserSchema });

export const authRoutes: FastifyPluginAsyncZod = async (app) => {
  const services = app.services;
  const client = (request: { ip: string; headers: Record<string, string | string[] | undefined> }) => ({
    ip: request.ip,
    userAgent: typeof request.headers['user-agent'] === 'string' ? request.headers['user-agent'] : undefined,
  });

  app.post(
    '/auth/signup',
    {
      config: { skipCsrf: true, isPublic: true },
      schema: {
        tags: ['accounts'],
        summary: 'Create an account and sign in',
        body: schemas.SignUpBody,
        response: responses({ 201: UserResponse }),
      },
    },
    async (request, reply) => {
      const session = await service.signUp(
        services,
        { ...request.body, locale: request.body.locale ?? request.locale },
        client(request),
      );
      setSessionCookies(reply, services, session);
      return reply.status(201).send({ user: session.user });
    },
  );

  app.post(
    '/auth/login',
    {
      config: { skipCsrf: true, isPublic: true },
      schema: {
        tags: ['accounts'],
        summary: 'Sign in',
        body: schemas.LogInBody,
        response: responses({ 200: UserResponse }),
      },
    },
    async (request, reply) => {
      const session = await service.logIn(services, request.body, client(request));
      setSessionCookies(reply, services, session);
      return { user: session.user };
    },
  );

  app.post(
    '/auth/logout',
    { schema: { tags: ['accounts'], summary: 'Sign out', response: responses({ 204: NoContent }) } },
    async (request, reply) => {
      const actor = requireSessionActor(request);
      if (actor.sessionId) await service.logOut(services, actor.sessionId);
      clearSessionCookies(reply);
      return reply.status(204).send(null);
    },
  );

  app.get(
    '/me',
    {
      schema: {
        tags: ['accounts'],
        summary: 'The signed-in user and their workspaces',
        response: responses({ 200: schemas.MeResponse }),
      },
    },
    async (request) => service.getMe(services, requireActor(request)),
  );

  app.patch(
    '/me',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Update name or language',
        body: schemas.UpdateProfileBody,
        response: responses({ 200: UserResponse }),
      },
    },
    async (request) => ({
      user: await service.updateProfile(services, requireSessionActor(request), request.body),
    }),
  );

  app.post(
    '/me/password',
    {
      schema: {
        tags: ['accounts'],
        summary: 'Change password; signs out other sessions and, if asked, revokes your API tokens',
        body: schemas.ChangePasswordBody,
        response: responses({ 204: NoContent }),
      },
    },
    async (request, reply) => {
      await service.changePassword(services, requireSessionActor(request), request.body);
      return reply.status(204).send(null);
    },
  );
};
