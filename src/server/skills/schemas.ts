import { z } from 'zod';
import { ATTENDANCE_STATUSES, MAX_ATTENDEES, MAX_LEVEL, MIN_LEVEL } from '../../core/skills/index.ts';
import { epochMs, Id, WorkspaceParams } from '../http.ts';

const Day = z.iso.date().describe('Calendar day, YYYY-MM-DD');
const SkillName = z.string().trim().min(1).max(50);
const Level = z.number().int().min(MIN_LEVEL).max(MAX_LEVEL);
const Url = z
  .string()
  .trim()
  .max(2000)
  .regex(/^https?:\/\/[^\s]+$/i)
  .describe('A link to the slides, recording or reading (http or https)');

export const SessionParams = WorkspaceParams.extend({ sessionId: Id });
export const CourseParams = WorkspaceParams.extend({ courseId: Id });

const PersonGap = z.object({
  personId: z.string(),
  name: z.string(),
  skill: z.string(),
  level: z.number().int().describe('0 when the person does not have the skill'),
  target: z.number().int(),
  gap: z.number().int(),
  review: z
    .object({ participantId: z.string(), cycleId: z.string(), cycleName: z.string() })
    .nullable()
    .describe(
      'The signed-off review whose skill rating gave the level; null for the matrix. Only for who may read the review',
    ),
});
const TaskGap = z.object({
  taskId: z.string(),
  title: z.string(),
  skill: z.string(),
  minLevel: z.number().int(),
  bestLevel: z.number().int().describe('The best level anyone in the workspace has; 0 when nobody has it'),
});

export const Matrix = z
  .object({
    skills: z.array(z.string()),
    people: z.array(
      z.object({
        userId: z.string(),
        name: z.string(),
        title: z.string().nullable(),
        levels: z.array(z.object({ skill: z.string(), level: z.number().int() })),
      }),
    ),
    roleTitles: z.array(z.string()),
    targets: z.array(z.object({ roleTitle: z.string(), skill: z.string(), level: z.number().int() })),
    gaps: z.object({
      people: z.array(PersonGap),
      tasks: z.array(TaskGap),
      bySkill: z.array(
        z.object({
          skill: z.string(),
          targetLevel: z.number().int(),
          people: z.array(
            PersonGap.extend({
              scheduledOn: Day.nullable().describe('Invited to an upcoming session of the skill on this day'),
            }),
          ),
          tasks: z.array(TaskGap),
          toInvite: z.number().int().describe('How many planning a training for the gap now would invite'),
        }),
      ),
    }),
    developmentGoals: z.array(
      z.object({
        goalId: z.string(),
        userId: z.string(),
        name: z.string(),
        skill: z.string(),
        targetLevel: z.number().int(),
        title: z.string(),
        status: z.string(),
        dueDate: z.string(),
        progress: z.number(),
      }),
    ),
  })
  .meta({ id: 'SkillsMatrix' });

export const LevelBody = z.object({
  userId: Id,
  skill: SkillName,
  level: Level.nullable().describe('1–5, or null to take the skill away'),
});

export const TargetBody = z.object({
  roleTitle: z.string().trim().min(1).max(100).describe('A member title (运营专员, 内容运营 …)'),
  skill: SkillName,
  level: Level.nullable().describe('1–5, or null to drop the target'),
});

export const Course = z
  .object({
    id: z.string(),
    title: z.string(),
    skill: z.string().nullable(),
    targetLevel: z.number().int().nullable(),
    description: z.string().nullable(),
    createdAt: epochMs,
  })
  .meta({ id: 'TrainingCourse' });

export const CourseBody = z.object({
  title: z.string().trim().min(1).max(200),
  skill: SkillName.nullable().optional(),
  targetLevel: Level.nullable().optional().describe('The level a completed, passed training records'),
  description: z.string().max(4000).nullable().optional(),
});

export const Attendee = z.object({
  userId: z.string(),
  name: z.string(),
  status: z.enum(ATTENDANCE_STATUSES),
  completed: z.boolean(),
  score: z.number().int().nullable().describe('Post-training assessment, 1–5'),
  note: z.string().nullable(),
  passed: z.boolean(),
});

export const Session = z
  .object({
    id: z.string(),
    courseId: z.string(),
    courseTitle: z.string(),
    skill: z.string().nullable(),
    targetLevel: z.number().int().nullable(),
    date: z.string(),
    trainer: z.object({ id: z.string(), name: z.string() }).nullable(),
    trainerName: z.string().nullable().describe('An outside trainer'),
    materialsUrl: z.string().nullable(),
    attendees: z.array(Attendee),
    summary: z.object({
      invited: z.number().int(),
      attended: z.number().int(),
      absent: z.number().int(),
      completed: z.number().int(),
      assessed: z.number().int(),
      passed: z.number().int(),
      averageScore: z.number().nullable(),
      attendanceRate: z.number().nullable(),
    }),
  })
  .meta({ id: 'TrainingSession' });

const SessionFields = {
  date: Day,
  trainerId: Id.nullable().optional().describe('A member who gives the training'),
  trainerName: z.string().trim().max(100).nullable().optional().describe('An outside trainer'),
  materialsUrl: Url.nullable().optional(),
};

export const SessionBody = z.object({
  courseId: Id,
  ...SessionFields,
  attendeeIds: z.array(Id).max(MAX_ATTENDEES),
});

export const SessionChanges = z.object({
  date: Day.optional(),
  trainerId: SessionFields.trainerId,
  trainerName: SessionFields.trainerName,
  materialsUrl: SessionFields.materialsUrl,
  attendeeIds: z.array(Id).max(MAX_ATTENDEES).optional(),
});

export const AttendanceBody = z.object({
  items: z
    .array(
      z.object({
        userId: Id,
        status: z.enum(ATTENDANCE_STATUSES),
        completed: z.boolean(),
        score: Level.nullable().describe('Post-training assessment 1–5; 3 or more passes'),
        note: z.string().max(1000).nullable().optional(),
      }),
    )
    .min(1)
    .max(MAX_ATTENDEES),
});

export const GapTrainingBody = z.object({
  skill: SkillName.describe('The skill with the gap; everyone who has it is invited'),
  ...SessionFields,
});

export const DevelopmentGoalBody = z.object({
  userId: Id,
  skill: SkillName,
  targetLevel: Level,
  startDate: Day,
  dueDate: Day,
  parentId: Id.nullable().optional().describe('The goal it supports in the goal tree'),
  title: z.string().trim().max(300).optional(),
});

export const Training = z.object({ courses: z.array(Course), sessions: z.array(Session) });
