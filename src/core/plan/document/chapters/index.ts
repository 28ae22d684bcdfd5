import type { ChapterModule } from '../registry.ts';
import { goalsChapter } from './goals.ts';
import { kpisChapter } from './kpis.ts';
import { processesChapter } from './processes.ts';
import { scheduleChapter } from './schedule.ts';
import {
  communicationChapter,
  feedbackChapter,
  improvementChapter,
  researchChapter,
  trainingChapter,
} from './sections.ts';
import { workChapter } from './work.ts';
import { meetingsCommunicationChapter } from '../../../meetings/chapter.ts';
import { retrosImprovementChapter } from '../../../retros/chapter.ts';
import { skillsTrainingChapter } from '../../../skills/chapter.ts';
import { researchChapterModule } from '../../../competitors/chapter.ts';
import { feedbackChapterModule } from '../../../feedback/chapter.ts';

/**
 * The chapter registry. A module that writes its own chapter adds its `ChapterModule` at the end of this list
 * with the id of the chapter it fills (`improvement`, `communication`, `training`, `research`, `feedback`):
 * a later entry with the same id replaces the generic one, and `order` keeps the print order.
 */
export const PLAN_CHAPTERS: readonly ChapterModule[] = [
  goalsChapter,
  workChapter,
  scheduleChapter,
  processesChapter,
  kpisChapter,
  improvementChapter,
  communicationChapter,
  trainingChapter,
  researchChapter,
  feedbackChapter,
  // 7 团队沟通 from the meetings module: meeting cadence, channels, who is told what.
  meetingsCommunicationChapter,
  // 6 持续优化 from the retros module: 复盘 cadence, the 复盘 held, lessons and actions.
  retrosImprovementChapter,
  // 8 培训与发展 from the skills module: the skills matrix, gaps, training sessions and attendance.
  skillsTrainingChapter,
  // 9 市场调研 from the surveys and competitors: NPS by wave, competitors with SWOT and recent moves.
  researchChapterModule,
  // 10 用户反馈 from the feedback module: channels, common issues, CSAT and the loop's SLA.
  feedbackChapterModule,
];
