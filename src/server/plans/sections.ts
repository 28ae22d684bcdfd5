import type { ResearchSection } from '../../core/competitors/chapter.ts';
import type { FeedbackSection } from '../../core/feedback/chapter.ts';
import { csatOf, LOW_RATING } from '../../core/feedback/index.ts';
import type { Executor } from '../../db/types.ts';
import * as competitorQueries from '../competitors/queries.ts';
import { toObservation } from '../competitors/service.ts';
import type { Services } from '../context.ts';
import { rankedClusters } from '../feedback/clusters.ts';
import * as feedbackQueries from '../feedback/queries.ts';
import * as surveyQueries from '../surveys/queries.ts';
import { selectFeedbackChannels } from './queries.ts';

/** Observations of each competitor the plan document prints (the newest). */
const OBSERVATIONS_PER_COMPETITOR = 5;
const ISSUES = 10;

/**
 * Chapter 9's facts from the workspace: each survey with its waves' responses and NPS, each competitor with its
 * SWOT and newest observations (the goal and task they triggered by title). Null when there is neither.
 */
export async function researchSection(db: Executor, workspaceId: string): Promise<ResearchSection | null> {
  const surveys = await surveyQueries.selectSurveys(db, workspaceId);
  const waves = await surveyQueries.selectWaves(
    db,
    workspaceId,
    surveys.map((survey) => survey.id),
  );
  const competitors = await competitorQueries.selectCompetitors(db, workspaceId);
  if (surveys.length === 0 && competitors.length === 0) return null;
  const latest = (
    await competitorQueries.selectLatestObservations(db, workspaceId, OBSERVATIONS_PER_COMPETITOR)
  ).map(toObservation);
  // A list the workspace has none of is left out, so a stored section's list fills in (an imported plan.yaml).
  const section: ResearchSection = {};
  if (surveys.length > 0)
    // Oldest first, as a plan lists what it runs.
    section.surveys = [...surveys].reverse().map((survey) => ({
      title: survey.title,
      status: survey.status,
      questions: (JSON.parse(survey.questions) as unknown[]).length,
      waves: waves
        .filter((wave) => wave.survey_id === survey.id)
        .map((wave) => {
          const count = Number(wave.nps_count);
          const promoters = Number(wave.promoters ?? 0);
          const detractors = Number(wave.detractors ?? 0);
          return {
            number: wave.number,
            ...(wave.label ? { label: wave.label } : {}),
            responses: Number(wave.responses),
            nps: count === 0 ? null : Math.round(((promoters - detractors) / count) * 100),
          };
        }),
    }));
  if (competitors.length > 0)
    section.competitors = competitors.map((competitor) => ({
      name: competitor.name,
      ...(competitor.website ? { website: competitor.website } : {}),
      ...(competitor.description ? { description: competitor.description } : {}),
      swot: JSON.parse(competitor.swot) as Record<string, string[]>,
      observations: latest
        .filter((observation) => observation.competitorId === competitor.id)
        .map((observation) => ({
          date: observation.observedOn,
          category: observation.category,
          title: observation.title,
          ...(observation.sourceUrl ? { source: observation.sourceUrl } : {}),
          ...(observation.goal ? { goal: observation.goal.title } : {}),
          ...(observation.task ? { task: observation.task.title } : {}),
        })),
    }));
  return section;
}

/**
 * Chapter 10's facts from the workspace: items per channel, the top common issues (counts, the two-week trend,
 * eight weekly counts, CSAT), CSAT overall and per category, and the feedback-handling process by its plan key.
 * Null when the workspace has no feedback and no feedback process.
 */
export async function feedbackSection(
  services: Services,
  workspaceId: string,
  processKey: (processId: string) => string | undefined,
): Promise<FeedbackSection | null> {
  const db = services.db;
  const channels = await selectFeedbackChannels(db, workspaceId);
  const process = await feedbackQueries.selectFeedbackProcess(db, workspaceId);
  const key = process ? processKey(process.id) : undefined;
  if (channels.length === 0 && !key) return null;
  const { clusters } = await rankedClusters(services, workspaceId);
  const ratings = await feedbackQueries.selectRatedRatings(db, workspaceId);
  const overall = csatOf(ratings.flatMap((rating) => (rating.rating === null ? [] : [rating.rating])));
  const byCategory = new Map<string, number[]>();
  for (const rating of ratings) {
    if (rating.rating === null) continue;
    const category = rating.category ?? '';
    byCategory.set(category, [...(byCategory.get(category) ?? []), rating.rating]);
  }
  // What the workspace has none of is left out, so a stored section fills in (an imported plan.yaml).
  const section: FeedbackSection = key ? { loop: { process: key, lowRating: LOW_RATING } } : {};
  if (channels.length > 0)
    section.channels = channels.map((row) => ({
      channel: row.channel,
      items: Number(row.items),
      open: Number(row.open ?? 0),
    }));
  if (clusters.length > 0)
    section.issues = clusters.slice(0, ISSUES).map((cluster) => ({
      label: cluster.label,
      terms: cluster.terms.slice(0, 6),
      items: cluster.size,
      open: cluster.open,
      votes: cluster.votes,
      recent: cluster.recent,
      previous: cluster.previous,
      weekly: cluster.weekly,
      csat: cluster.csat.average,
    }));
  if (overall.count > 0)
    section.csat = {
      count: overall.count,
      average: overall.average,
      satisfied: overall.count === 0 ? null : overall.satisfied,
      byCategory: [...byCategory.entries()]
        .map(([category, values]) => {
          const csat = csatOf(values);
          return { category, count: csat.count, average: csat.average };
        })
        .sort((a, b) => b.count - a.count || a.category.localeCompare(b.category)),
    };
  return section;
}
