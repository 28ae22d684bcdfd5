import { createHash, randomBytes } from 'node:crypto';
import { AppError } from '../../core/errors/index.ts';
import { clusterFeedback } from '../../core/feedback/index.ts';
import {
  checkAnswers,
  checkQuestions,
  issueMessage,
  npsAnswer,
  summariseResponses,
  textAnswers,
  type Answers,
  type SurveyQuestion,
  type SurveyStatus,
} from '../../core/surveys/index.ts';
import { newId } from '../../db/ids.ts';
import { lockWorkspace } from '../../db/locks.ts';
import type { Executor } from '../../db/types.ts';
import { insertAuditEntry } from '../audit/queries.ts';
import { hitRateLimit } from '../auth/queries.ts';
import type { Actor, Services, WorkspaceContext } from '../context.ts';
import * as feedbackQueries from '../feedback/queries.ts';
import { insertNewItem, synonymsOf } from '../feedback/service.ts';
import { jiebaSegmenter } from '../feedback/segmenter.ts';
import { writeSpreadsheet } from '../files.ts';
import { authorize } from '../workspaces/access.ts';
import * as queries from './queries.ts';
import type { CreateSurveyInput, ResponseInput, UpdateSurveyInput } from './schemas.ts';

/** Responses per address per survey per window: enough for a shared office connection, not for a flood. */
export const SURVEY_RESPONSES_PER_WINDOW = 20;
export const SURVEY_WINDOW_MS = 10 * 60_000;
const RESULT_RESPONSES = 20_000;

function questionsOf(row: { questions: string }): SurveyQuestion[] {
  return JSON.parse(row.questions) as SurveyQuestion[];
}

function toWave(row: queries.WaveRow) {
  const count = Number(row.nps_count);
  const promoters = Number(row.promoters ?? 0);
  const detractors = Number(row.detractors ?? 0);
  return {
    id: row.id,
    number: row.number,
    label: row.label,
    openedAt: row.opened_at,
    closedAt: row.closed_at,
    responses: Number(row.responses),
    nps: count === 0 ? null : Math.round(((promoters - detractors) / count) * 100),
    tallies: { count, promoters, passives: Number(row.passives ?? 0), detractors },
  };
}

function toSurvey(row: queries.SurveyRow, waveRows: readonly queries.WaveRow[]) {
  const waves = waveRows.filter((wave) => wave.survey_id === row.id).map(toWave);
  const current = waves.at(-1);
  return {
    id: row.id,
    title: row.title,
    description: row.description,
    questions: questionsOf(row),
    status: row.status as SurveyStatus,
    closesAt: row.closes_at,
    onePerContact: row.one_per_contact === 1,
    linkOnly: row.link_only === 1,
    feedFeedback: row.feed_feedback === 1,
    responses: waves.reduce((sum, wave) => sum + wave.responses, 0),
    nps: current?.nps ?? null,
    waves: waves.map(({ tallies: _tallies, ...wave }) => wave),
    createdBy: row.created_by ? { id: row.created_by, name: row.creator_name ?? '' } : null,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

function checkDefinition(questions: readonly SurveyQuestion[]) {
  const issues = checkQuestions(questions);
  if (issues.length > 0) {
    throw new AppError(
      'survey_invalid',
      {},
      issues.map((issue) => ({ path: issue.path, message: issueMessage(issue.code) })),
    );
  }
}

async function requireSurvey(executor: Executor, workspaceId: string, surveyId: string) {
  const row = await queries.selectSurvey(executor, workspaceId, surveyId);
  if (!row) throw new AppError('survey_not_found');
  return row;
}

async function loadSurvey(executor: Executor, workspaceId: string, surveyId: string) {
  const row = await requireSurvey(executor, workspaceId, surveyId);
  return toSurvey(row, await queries.selectWaves(executor, workspaceId, [row.id]));
}

export async function listSurveys(services: Services, actor: Actor, workspaceId: string) {
  await authorize(services.db, actor, workspaceId, 'feedback.read');
  const rows = await queries.selectSurveys(services.db, workspaceId);
  const waves = await queries.selectWaves(
    services.db,
    workspaceId,
    rows.map((row) => row.id),
  );
  return { surveys: rows.map((row) => toSurvey(row, waves)) };
}

export async function getSurvey(services: Services, actor: Actor, workspaceId: string, surveyId: string) {
  await authorize(services.db, actor, workspaceId, 'feedback.read');
  return loadSurvey(services.db, workspaceId, surveyId);
}

export async function createSurvey(
  services: Services,
  actor: Actor,
  workspaceId: string,
  input: CreateSurveyInput,
) {
  await authorize(services.db, actor, workspaceId, 'feedback.write');
  checkDefinition(input.questions);
  const now = services.now();
  const id = newId(now);
  await services.db.transaction().execute(async (trx) => {
    await queries.insertSurvey(trx, {
      id,
      workspace_id: workspaceId,
      title: input.title,
      description: input.description ?? '',
      questions: JSON.stringify(input.questions),
      status: 'draft',
      closes_at: input.closesAt ?? null,
      one_per_contact: input.onePerContact ? 1 : 0,
      link_only: input.linkOnly ? 1 : 0,
      feed_feedback: input.feedFeedback ? 1 : 0,
      created_by: actor.userId,
      created_at: now,
      updated_at: now,
    });
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'survey.created',
      objectType: 'survey',
      objectId: id,
      changes: { title: input.title },
      now,
    });
  });
  return loadSurvey(services.db, workspaceId, id);
}

/** Opens the next wave of a survey (closing the current one) inside the caller's transaction. */
async function openWave(trx: Executor, workspaceId: string, surveyId: string, now: number, label = '') {
  const latest = await queries.selectLatestWave(trx, surveyId);
  await queries.closeOpenWaves(trx, surveyId, now);
  await queries.insertWave(trx, {
    id: newId(now),
    workspace_id: workspaceId,
    survey_id: surveyId,
    number: (latest?.number ?? 0) + 1,
    label,
    opened_at: now,
    closed_at: null,
  });
}

/**
 * Edits a survey. Opening it starts its first wave (or continues the latest); closing it closes that wave.
 * Answers already given stay as they were when a question is changed or removed.
 */
export async function updateSurvey(
  context: WorkspaceContext,
  { surveyId, input }: { surveyId: string; input: UpdateSurveyInput },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'feedback.write');
  if (input.questions) checkDefinition(input.questions);
  await services.db.transaction().execute(async (trx) => {
    const row = await requireSurvey(trx, workspaceId, surveyId);
    const now = services.now();
    const questions = input.questions ?? questionsOf(row);
    if (input.status === 'open' && questions.length === 0) {
      throw new AppError('survey_no_questions', {}, [{ path: 'questions', message: '' }]);
    }
    if (input.status && input.status !== row.status) {
      const latest = await queries.selectLatestWave(trx, surveyId);
      if (input.status === 'open') {
        if (latest) await queries.reopenWave(trx, latest.id);
        else await openWave(trx, workspaceId, surveyId, now);
      } else {
        await queries.closeOpenWaves(trx, surveyId, now);
      }
    }
    await queries.updateSurvey(trx, surveyId, {
      ...(input.title !== undefined ? { title: input.title } : {}),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.questions !== undefined ? { questions: JSON.stringify(input.questions) } : {}),
      ...(input.status !== undefined ? { status: input.status } : {}),
      ...(input.closesAt !== undefined ? { closes_at: input.closesAt } : {}),
      ...(input.onePerContact !== undefined ? { one_per_contact: input.onePerContact ? 1 : 0 } : {}),
      ...(input.linkOnly !== undefined ? { link_only: input.linkOnly ? 1 : 0 } : {}),
      ...(input.feedFeedback !== undefined ? { feed_feedback: input.feedFeedback ? 1 : 0 } : {}),
      updated_at: now,
    });
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'survey.updated',
      objectType: 'survey',
      objectId: surveyId,
      changes: {
        ...(input.title !== undefined ? { title: { from: row.title, to: input.title } } : {}),
        ...(input.status !== undefined ? { status: { from: row.status, to: input.status } } : {}),
        ...(input.questions !== undefined ? { questions: input.questions.length } : {}),
      },
      now,
    });
  });
  return loadSurvey(services.db, workspaceId, surveyId);
}

/** A new wave of the same questionnaire (Q2 after Q1): the NPS trend compares waves. */
export async function startWave(
  context: WorkspaceContext,
  { surveyId, label }: { surveyId: string; label: string | undefined },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'feedback.write');
  await services.db.transaction().execute(async (trx) => {
    const row = await requireSurvey(trx, workspaceId, surveyId);
    if (questionsOf(row).length === 0) {
      throw new AppError('survey_no_questions', {}, [{ path: 'questions', message: '' }]);
    }
    const now = services.now();
    await openWave(trx, workspaceId, surveyId, now, label ?? '');
    await queries.updateSurvey(trx, surveyId, { status: 'open', updated_at: now });
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'survey.wave_started',
      objectType: 'survey',
      objectId: surveyId,
      changes: label ? { label } : null,
      now,
    });
  });
  return loadSurvey(services.db, workspaceId, surveyId);
}

export async function deleteSurvey(services: Services, actor: Actor, workspaceId: string, surveyId: string) {
  await authorize(services.db, actor, workspaceId, 'feedback.write');
  await services.db.transaction().execute(async (trx) => {
    const row = await requireSurvey(trx, workspaceId, surveyId);
    await queries.deleteSurvey(trx, workspaceId, surveyId);
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'survey.deleted',
      objectType: 'survey',
      objectId: surveyId,
      changes: { title: row.title },
      now: services.now(),
    });
  });
}

/**
 * Results of one wave (the latest by default): each question's distribution, the NPS with its three groups,
 * text answers grouped by the feedback clustering, and the NPS trend across all waves.
 */
export async function surveyResults(
  context: WorkspaceContext,
  { surveyId, waveId }: { surveyId: string; waveId: string | undefined },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'feedback.read');
  const row = await requireSurvey(services.db, workspaceId, surveyId);
  const waves = (await queries.selectWaves(services.db, workspaceId, [surveyId])).map(toWave);
  const wave = waveId ? waves.find((entry) => entry.id === waveId) : waves.at(-1);
  if (waveId && !wave) throw new AppError('survey_not_found', {}, [{ path: 'waveId', message: '' }]);
  const questions = questionsOf(row);
  const responses = wave
    ? (await queries.selectResponses(services.db, workspaceId, surveyId, wave.id, RESULT_RESPONSES)).map(
        (response) => ({ answers: JSON.parse(response.answers) as Answers }),
      )
    : [];
  const hasText = questions.some((question) => question.type === 'text');
  const synonyms = hasText ? synonymsOf(await feedbackQueries.selectSettings(services.db, workspaceId)) : [];
  return {
    waveId: wave?.id ?? null,
    responses: responses.length,
    questions: summariseResponses(questions, responses).map((result) => {
      switch (result.type) {
        case 'single':
        case 'multiple':
          return {
            questionId: result.questionId,
            type: result.type,
            answered: result.answered,
            counts: result.counts,
          };
        case 'matrix':
          return {
            questionId: result.questionId,
            type: result.type,
            answered: result.answered,
            matrix: result.counts,
          };
        case 'rating':
          return { ...result };
        case 'nps':
          return { ...result };
        case 'text': {
          const clustered = clusterFeedback(
            result.answers.map((text, index) => ({ id: String(index), text })),
            { segment: jiebaSegmenter(), synonyms, minSize: 2 },
          );
          return {
            ...result,
            clusters: clustered.clusters.map((cluster) => ({
              label: cluster.label,
              terms: cluster.terms,
              count: cluster.itemIds.length,
            })),
          };
        }
      }
    }),
    trend: waves.map((entry) => ({
      waveId: entry.id,
      label: entry.label,
      openedAt: entry.openedAt,
      ...entry.tallies,
      score: entry.nps,
    })),
  };
}

/** All responses (or one wave's) as CSV or XLSX: a column per question, choices by their labels. */
export async function exportResponses(
  context: WorkspaceContext,
  { surveyId, format, waveId }: { surveyId: string; format: 'csv' | 'xlsx'; waveId: string | undefined },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'feedback.read');
  const row = await requireSurvey(services.db, workspaceId, surveyId);
  const questions = questionsOf(row);
  const responses = await queries.selectResponses(
    services.db,
    workspaceId,
    surveyId,
    waveId ?? null,
    100_000,
  );
  const labelOf = (question: SurveyQuestion, id: string) =>
    question.options?.find((option) => option.id === id)?.label ?? id;
  const cell = (question: SurveyQuestion, answer: Answers[string] | undefined): string | number | null => {
    if (answer === undefined) return null;
    if (typeof answer === 'number') return answer;
    if (typeof answer === 'string') return question.type === 'single' ? labelOf(question, answer) : answer;
    if (Array.isArray(answer)) return answer.map((id) => labelOf(question, id)).join('; ');
    return Object.entries(answer)
      .map(([rowId, column]) => {
        const rowLabel = question.rows?.find((entry) => entry.id === rowId)?.label ?? rowId;
        return `${rowLabel}: ${labelOf(question, column)}`;
      })
      .join('; ');
  };
  const header = [
    'response_id',
    'wave',
    'submitted_at',
    'email',
    ...questions.map((question) => question.title),
  ];
  const rows = responses.map((response) => {
    const answers = JSON.parse(response.answers) as Answers;
    return [
      response.id,
      response.wave_number ?? null,
      new Date(response.created_at).toISOString(),
      response.email ?? null,
      ...questions.map((question) => cell(question, answers[question.id])),
    ];
  });
  return writeSpreadsheet(header, rows, format, 'responses');
}

// ——— The public link ———

function respondentKey(workspaceId: string, email: string) {
  return createHash('sha256').update(`${workspaceId}:survey:${email}`).digest('base64url').slice(0, 32);
}

function isTakingResponses(row: { status: string; closes_at: number | null }, now: number) {
  return row.status === 'open' && (row.closes_at === null || row.closes_at > now);
}

/**
 * The link a respondent came through: none (an open survey's public link), or one of the survey's links. A
 * link-only survey refuses respondents without one; an unknown token is refused whatever the survey.
 */
async function respondentLink(
  executor: Executor,
  row: { id: string; link_only: number },
  token: string | undefined,
) {
  if (!token) {
    if (row.link_only === 1) throw new AppError('survey_link_required');
    return null;
  }
  const link = await queries.selectLinkByToken(executor, row.id, token);
  if (!link) throw new AppError('survey_link_invalid');
  return link;
}

export async function getPublicSurvey(services: Services, surveyId: string, token?: string) {
  const row = await queries.selectPublicSurvey(services.db, surveyId);
  if (!row || row.status === 'draft') throw new AppError('survey_not_found');
  if (!isTakingResponses(row, services.now())) throw new AppError('survey_closed');
  const link = await respondentLink(services.db, row, token);
  return {
    viaLink: link !== null,
    contactEmail: link?.email ?? null,
    id: row.id,
    workspaceName: row.workspace_name,
    title: row.title,
    description: row.description,
    questions: questionsOf(row),
    onePerContact: row.one_per_contact === 1,
    closesAt: row.closes_at,
  };
}

/**
 * A response through the public link: no login. A filled honeypot is refused, each address has an allowance
 * per window, answers are checked against the questions the respondent saw, and a one-per-contact survey
 * takes one response per e-mail per wave. Text answers become feedback items when the survey says so.
 */
export async function submitResponse(
  services: Services,
  surveyId: string,
  address: string,
  input: ResponseInput,
) {
  const row = await queries.selectPublicSurvey(services.db, surveyId);
  if (!row || row.status === 'draft') throw new AppError('survey_not_found');
  const now = services.now();
  if (!isTakingResponses(row, now)) throw new AppError('survey_closed');
  if (input.website) throw new AppError('portal_spam');
  const questions = questionsOf(row);
  const checked = checkAnswers(questions, input.answers as Answers);
  if (checked.issues.length > 0) {
    throw new AppError(
      'survey_answers_invalid',
      {},
      checked.issues.map((issue) => ({ path: issue.path, message: issueMessage(issue.code) })),
    );
  }
  const link = await respondentLink(services.db, row, input.token);
  const email = link?.email ?? input.email;
  if (row.one_per_contact === 1 && !email && !link) {
    throw new AppError('survey_email_required', {}, [{ path: 'email', message: '' }]);
  }
  const workspaceId = row.workspace_id;
  const addressHash = createHash('sha256')
    .update(`${workspaceId}:${address}`)
    .digest('base64url')
    .slice(0, 32);
  const entry = await hitRateLimit(services.db, `survey:${surveyId}:${addressHash}`, now, SURVEY_WINDOW_MS);
  if (entry.count > SURVEY_RESPONSES_PER_WINDOW) {
    throw new AppError('portal_rate_limited', {
      minutes: Math.max(1, Math.ceil((entry.reset_at - now) / 60_000)),
    });
  }
  const id = newId(now);
  await services.db.transaction().execute(async (trx) => {
    const wave = await queries.selectLatestWave(trx, surveyId);
    if (!wave || wave.closed_at !== null) throw new AppError('survey_closed');
    const contactId = email
      ? await feedbackQueries.insertContact(trx, {
          id: newId(now),
          workspace_id: workspaceId,
          email,
          name: null,
          created_at: now,
          updated_at: now,
        })
      : null;
    const inserted = await queries.insertResponse(trx, {
      id,
      workspace_id: workspaceId,
      survey_id: surveyId,
      wave_id: wave.id,
      answers: JSON.stringify(checked.answers),
      nps: npsAnswer(questions, checked.answers),
      contact_id: contactId,
      // One response per link and wave; otherwise one per e-mail when the survey asks for it.
      respondent_key: link
        ? `link:${link.id}`
        : row.one_per_contact === 1 && email
          ? respondentKey(workspaceId, email)
          : null,
      created_at: now,
    });
    if (!inserted) throw new AppError('survey_already_answered');
    if (row.feed_feedback === 1) {
      for (const text of textAnswers(questions, checked.answers)) {
        const firstLine = text.split('\n')[0] ?? text;
        await insertNewItem(services, trx, workspaceId, {
          title: firstLine.length > 80 ? `${firstLine.slice(0, 79)}…` : firstLine,
          body: text,
          channel: 'survey',
          tags: [row.title.slice(0, 80)],
          contact: email ? { email } : undefined,
          sourceRef: id,
          createdBy: null,
        });
      }
    }
  });
  return { id };
}

/** How many links one request may make. */
export const MAX_LINKS_PER_REQUEST = 500;

function linkView(
  link: { id: string; token: string; email: string | null; created_at: number },
  answered: Set<string>,
) {
  return {
    id: link.id,
    token: link.token,
    path: '',
    email: link.email,
    answered: answered.has(`link:${link.id}`),
    createdAt: link.created_at,
  };
}

/** A survey's links, each with whether it has answered the current wave. */
export async function listLinks(services: Services, actor: Actor, workspaceId: string, surveyId: string) {
  await authorize(services.db, actor, workspaceId, 'feedback.write');
  await requireSurvey(services.db, workspaceId, surveyId);
  const links = await queries.selectLinks(services.db, workspaceId, surveyId);
  const answered = await queries.selectLinkKeysAnswered(services.db, surveyId);
  return links.map((link) => withPath(linkView(link, answered), surveyId));
}

function withPath<T extends { token: string }>(link: T, surveyId: string) {
  return { ...link, path: `/survey/${surveyId}?t=${link.token}` };
}

/**
 * Makes one-use links (`count` of them, anonymous) or per-contact links (one per e-mail, the response is the
 * contact's; an address that has a link keeps it). Each link answers once per wave.
 */
export async function createLinks(
  context: WorkspaceContext,
  {
    surveyId,
    input,
  }: { surveyId: string; input: { count?: number | undefined; emails?: readonly string[] | undefined } },
) {
  const { services, actor, workspaceId } = context;
  await authorize(services.db, actor, workspaceId, 'feedback.write');
  await requireSurvey(services.db, workspaceId, surveyId);
  const now = services.now();
  await services.db.transaction().execute(async (trx) => {
    await lockWorkspace(trx, services.dialect, 'feedback', workspaceId);
    const existing = new Set(
      (await queries.selectLinks(trx, workspaceId, surveyId)).flatMap((link) =>
        link.email ? [link.email] : [],
      ),
    );
    const emails = [...new Set(input.emails ?? [])].filter((email) => !existing.has(email));
    const rows = [...Array.from({ length: input.count ?? 0 }, () => null), ...emails].map((email) => ({
      id: newId(now),
      workspace_id: workspaceId,
      survey_id: surveyId,
      token: randomBytes(12).toString('base64url'),
      email,
      created_at: now,
    }));
    await queries.insertLinks(trx, rows);
    await insertAuditEntry(trx, {
      workspaceId,
      actorId: actor.userId,
      action: 'survey.links_created',
      objectType: 'survey',
      objectId: surveyId,
      changes: { links: rows.length },
      now,
    });
  });
  return listLinks(services, actor, workspaceId, surveyId);
}
