import type { Plan, PlanLocale, PlanObservations } from '../model.ts';
import { PLAN_CHAPTERS } from './chapters/index.ts';
import { roleLabel } from './chapters/shared.ts';
import { documentTranslator } from './labels.ts';
import { withPreviewNotes, type PreviewCut } from './preview.ts';
import { chapterList, type ChapterContext, type ChapterModule } from './registry.ts';
import type { PlanDocument } from './types.ts';

export type BuildDocumentOptions = {
  locale: PlanLocale;
  /** When the document is written (epoch ms): the generated-at stamp and "today" for the SMART checks. */
  now: number;
  /** The goal whose subtree the plan covers; absent for the whole workspace. */
  scopeTitle?: string | null;
  /** IANA zone for the stamp and today; defaults to the plan's, else Asia/Shanghai. */
  timezone?: string;
  /** The workspace's name on the cover; defaults to the plan's name. */
  workspaceName?: string;
  chapters?: readonly ChapterModule[];
  /** The live preview of a plan read shortened (preview.ts): the chapters it shortened say how much is left out. */
  previewCut?: PreviewCut;
};

/** Day and minute of an instant in a time zone: `2026-03-01` and `2026-03-01 09:30`. */
export function localStamp(now: number, timezone: string): { day: string; minute: string } {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone: timezone,
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      hourCycle: 'h23',
    })
      .formatToParts(new Date(now))
      .map((part) => [part.type, part.value]),
  );
  const day = `${parts.year}-${parts.month}-${parts.day}`;
  return { day, minute: `${day} ${parts.hour}:${parts.minute}` };
}

/** The written plan: cover, contents and the ten chapters, each filled from the plan or saying what is not planned yet. */
export function buildPlanDocument(
  plan: Plan,
  observations: PlanObservations | null,
  options: BuildDocumentOptions,
): PlanDocument {
  const { locale } = options;
  const t = documentTranslator(locale);
  const timezone = options.timezone ?? plan.timezone ?? 'Asia/Shanghai';
  const stamp = localStamp(options.now, timezone);
  const names = new Map(plan.people.map((person) => [person.email, person.name]));
  const personName = (email: string | undefined) => (email ? (names.get(email) ?? email) : t('none'));
  let figures = 0;
  const base: Omit<ChapterContext, 'number'> = {
    locale,
    t,
    today: stamp.day,
    personName,
    ownerLabel: (owner) => {
      if (!owner) return t('none');
      if (owner.startsWith('role:')) return t('owner.role', { role: roleLabel(t, owner.slice(5)) });
      if (owner.startsWith('skill:')) return t('owner.skill', { skill: owner.slice(6) });
      return personName(owner);
    },
    figureId: (prefix) => `${prefix}-${(figures += 1)}`,
  };
  const chapters = chapterList(options.chapters ?? PLAN_CHAPTERS).map((module, index) => {
    const number = index + 1;
    const blocks = module.build(plan, observations, { ...base, number });
    return {
      id: module.id,
      number,
      title: module.title(locale),
      isPlanned: blocks !== null,
      blocks: blocks ?? [
        {
          kind: 'note' as const,
          tone: 'empty' as const,
          text: t('section.notPlanned', { what: module.notPlanned(locale) }),
        },
      ],
    };
  });
  const document: PlanDocument = {
    locale,
    cover: {
      title: t('cover.title'),
      subtitle: plan.name,
      facts: [
        { label: t('cover.workspace'), value: options.workspaceName ?? plan.name },
        { label: t('cover.scope'), value: options.scopeTitle ?? t('cover.scopeAll') },
        { label: t('cover.generatedAt'), value: `${stamp.minute} (${timezone})` },
      ],
    },
    labels: { contents: t('contents'), page: t('page'), figure: t('figure'), generatedBy: t('generatedBy') },
    chapters,
  };
  return options.previewCut ? withPreviewNotes(document, options.previewCut) : document;
}
