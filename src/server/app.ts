import { existsSync } from 'node:fs';
import path from 'node:path';
import { randomUUID } from 'node:crypto';
import cookie from '@fastify/cookie';
import fastifyStatic from '@fastify/static';
import Fastify, { type FastifyInstance } from 'fastify';
import { validatorCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { openDatabase, type DatabaseHandle } from '../db/index.ts';
import { migrateToLatest } from '../db/migrate.ts';
import { refreshPlannerStatistics } from '../db/statistics.ts';
import { allowFraming, EMBED_PREFIX, registerEmbedScript } from './embed.ts';
import { myDayRoutes } from './myday/routes.ts';
import { activityRoutes } from './activity/routes.ts';
import { auditRoutes } from './audit/routes.ts';
import { authRoutes } from './auth/routes.ts';
import type { AppConfig } from './config.ts';
import type { Services } from './context.ts';
import { Outbox } from './events/outbox.ts';
import { registerGoalJobs } from './goals/jobs.ts';
import { goalRoutes } from './goals/routes.ts';
import { healthRoutes } from './health/routes.ts';
import { invitationRoutes } from './invitations/routes.ts';
import { kpiRoutes } from './kpis/routes.ts';
import { peopleRoutes } from './people/routes.ts';
import { planImportRoutes, planRoutes, planSchemaRoutes } from './plans/routes.ts';
import { settlePlanHealth } from './plans/service.ts';
import { processRoutes } from './processes/routes.ts';
import { registerProcessJobs } from './processes/service.ts';
import { routineRoutes } from './routines/routes.ts';
import { searchRoutes } from './search/routes.ts';
import { registerRoutineJobs } from './routines/service.ts';
import { registerTaskJobs } from './tasks/jobs.ts';
import { taskRoutes } from './tasks/routes.ts';
import { viewRoutes } from './views/routes.ts';
import { documentRoutes } from './documents/routes.ts';
import { registerDocumentJobs } from './documents/service.ts';
import { registerBuiltInJobs } from './jobs/builtin.ts';
import { Scheduler } from './jobs/scheduler.ts';
import { createInProcessLiveBus, createPostgresLiveBus } from './notifications/live.ts';
import { notificationRoutes } from './notifications/routes.ts';
import { registerNotificationJobs } from './notifications/service.ts';
import { registerMeetingJobs } from './meetings/agenda-job.ts';
import { closeStreams } from './notifications/stream.ts';
import { commentRoutes } from './comments/routes.ts';
import { meetingRoutes } from './meetings/routes.ts';
import { reviewRoutes } from './reviews/routes.ts';
import { registerReviewJobs } from './reviews/service.ts';
import { retroRoutes } from './retros/routes.ts';
import { skillRoutes } from './skills/routes.ts';
import { registerFeedbackLoopJobs } from './feedback/loop.ts';
import { registerFeedbackProcessSubscriber } from './feedback/service.ts';
import { registerFeedbackClusterJobs, registerFeedbackClusterSchedule } from './feedback/clusters.ts';
import { clusterRoutes, feedbackRoutes, portalRoutes } from './feedback/routes.ts';
import { publicSurveyRoutes, surveyRoutes } from './surveys/routes.ts';
import { competitorRoutes } from './competitors/routes.ts';
import { chatTargetRoutes } from './notifications/target-routes.ts';
import { unsubscribeRoutes } from './notifications/unsubscribe.ts';
import { registerAuth } from './plugins/auth.ts';
import { registerCompression } from './plugins/compress.ts';
import { registerSecurityHeaders } from './plugins/headers.ts';
import { clientErrorHandler, frameworkErrors, registerErrorHandling } from './plugins/errors.ts';
import { registerOpenApi } from './plugins/openapi.ts';
import { compiledSerializer } from './plugins/serializer.ts';
import { tokenRoutes } from './tokens/routes.ts';
import { workspaceRoutes } from './workspaces/routes.ts';
import { registerWriteEpochs } from './writes.ts';

export type BuildOptions = {
  /** An open database to use instead of the configured one; the caller closes it. */
  database?: DatabaseHandle;
};

/** How long shutdown waits for requests in flight before closing the database anyway. */
const SHUTDOWN_GRACE_MS = 10_000;

const CSP = {
  defaultSrc: ["'self'"],
  scriptSrc: ["'self'"],
  // Ant Design injects its styles at run time.
  styleSrc: ["'self'", "'unsafe-inline'"],
  imgSrc: ["'self'", 'data:', 'blob:'],
  fontSrc: ["'self'", 'data:'],
  connectSrc: ["'self'"],
  objectSrc: ["'none'"],
  baseUri: ["'self'"],
  formAction: ["'self'"],
  frameAncestors: ["'none'"],
};

/** Builds the whole app without listening: tests inject requests, `serve` listens. */
export async function buildApp(config: AppConfig, options: BuildOptions = {}): Promise<FastifyInstance> {
  const database = options.database ?? openDatabase(config);
  await migrateToLatest(database.db);
  // Statistics help the planner but are not needed to serve: a busy database (another process writing) must not
  // stop the start-up; the hourly job tries again.
  await refreshPlannerStatistics(database.db, database.dialect).catch((error: unknown) =>
    process.emitWarning(`Planner statistics not refreshed: ${String(error)}`),
  );

  const app = Fastify({
    logger: {
      level: config.logLevel,
      redact: [
        'req.headers.authorization',
        'req.headers.cookie',
        'req.headers["x-csrf-token"]',
        'res.headers["set-cookie"]',
      ],
    },
    genReqId: (request) => {
      const given = request.headers['x-request-id'];
      return typeof given === 'string' && /^[\w-]{1,64}$/.test(given) ? given : randomUUID();
    },
    bodyLimit: config.bodyLimitBytes,
    trustProxy: config.trustProxy,
    return503OnClosing: true,
    // Errors raised before routing still answer { error: { code, message } } in the caller's language.
    frameworkErrors: frameworkErrors(config.defaultLocale),
    clientErrorHandler: clientErrorHandler(config.defaultLocale),
  }).withTypeProvider<ZodTypeProvider>();
  app.setValidatorCompiler(validatorCompiler);
  app.setSerializerCompiler(compiledSerializer({ check: config.checkResponses }));

  const scheduler = new Scheduler({
    db: database.db,
    dialect: database.dialect,
    now: config.now,
    logger: app.log,
  });
  const services: Services = {
    db: database.db,
    dialect: database.dialect,
    ping: () => database.ping(),
    bulk: database.bulk,
    config,
    now: config.now,
    scheduler,
    outbox: new Outbox(database.db, scheduler, config.now),
    live:
      database.dialect === 'postgres' && database.connectionString
        ? createPostgresLiveBus(database.db, database.connectionString, app.log)
        : createInProcessLiveBus(),
  };
  app.decorate('services', services);
  await registerBuiltInJobs(services);
  await registerGoalJobs(services);
  await registerRoutineJobs(services);
  await registerTaskJobs(services);
  await registerProcessJobs(services);
  registerDocumentJobs(services);
  await registerNotificationJobs(services);
  await registerMeetingJobs(services);
  registerFeedbackLoopJobs(services);
  registerFeedbackProcessSubscriber(services);
  registerFeedbackClusterJobs(services);
  registerReviewJobs(services);
  await registerFeedbackClusterSchedule(services);

  app.addHook('onSend', async (request, reply) => {
    reply.header('x-request-id', request.id);
  });
  registerWriteEpochs(app, services);

  registerSecurityHeaders(app, {
    contentSecurityPolicy: { useDefaults: false, directives: CSP },
    crossOriginEmbedderPolicy: false,
  });
  await app.register(cookie);
  registerCompression(app);
  // First, so its input check runs before the auth plugin's workspace lookup.
  registerErrorHandling(app);
  registerAuth(app);
  await registerOpenApi(app);

  await app.register(healthRoutes);
  await app.register(planSchemaRoutes);
  for (const routes of [
    authRoutes,
    tokenRoutes,
    workspaceRoutes,
    invitationRoutes,
    auditRoutes,
    activityRoutes,
    myDayRoutes,
    searchRoutes,
    kpiRoutes,
    goalRoutes,
    taskRoutes,
    viewRoutes,
    routineRoutes,
    peopleRoutes,
    processRoutes,
    documentRoutes,
    planRoutes,
    planImportRoutes,
    notificationRoutes,
    unsubscribeRoutes,
    chatTargetRoutes,
    commentRoutes,
    meetingRoutes,
    reviewRoutes,
    feedbackRoutes,
    clusterRoutes,
    portalRoutes,
    surveyRoutes,
    publicSurveyRoutes,
    competitorRoutes,
    retroRoutes,
    skillRoutes,
  ]) {
    await app.register(routes, { prefix: '/api/v1' });
  }

  registerEmbedScript(app);
  const webDir = config.webDir ? path.resolve(config.webDir) : null;
  if (webDir && existsSync(path.join(webDir, 'index.html'))) {
    await app.register(fastifyStatic, {
      root: webDir,
      wildcard: false,
      // The build writes .br and .gz beside each asset (vite.config.ts): sent to browsers that accept them.
      preCompressed: true,
      setHeaders: (response, filePath) => {
        const isHashed = filePath.includes(`${path.sep}assets${path.sep}`);
        response.header('cache-control', isHashed ? 'public, max-age=31536000, immutable' : 'no-cache');
      },
    });
    app.get('/*', { schema: { hide: true } }, async (request, reply) => {
      // Client-side routes get the SPA; a missing asset or API path is a real 404.
      if (request.url.startsWith('/api/') || path.extname(request.url.split('?')[0] ?? '')) {
        return reply.callNotFound();
      }
      if (request.url.startsWith(EMBED_PREFIX)) allowFraming(reply);
      return reply.header('cache-control', 'no-cache').sendFile('index.html');
    });
  }

  // onClose can run while keep-alive requests are still inside their handlers: let them finish before the
  // database goes, or they fail with "driver has already been destroyed".
  let inFlight = 0;
  app.addHook('onRequest', async (_request, reply) => {
    inFlight += 1;
    // 'close' fires once whether the response finished or the client went away.
    reply.raw.once('close', () => {
      inFlight -= 1;
    });
  });

  if (config.runScheduler) app.addHook('onReady', async () => scheduler.start());
  // Live streams never end by themselves: end them so close() does not wait for the browsers.
  app.addHook('preClose', async () => closeStreams(services));
  app.addHook('onClose', async () => {
    await scheduler.stop();
    await services.live.close();
    for (let waited = 0; inFlight > 0 && waited < SHUTDOWN_GRACE_MS; waited += 20) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    // A plan health recomputed in the background after its request was answered stores into the database.
    await settlePlanHealth(services);
    if (!options.database) await database.destroy();
  });
  return app;
}
