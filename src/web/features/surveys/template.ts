import type { TFunction } from 'i18next';
import type { SurveyQuestion } from './hooks.ts';

const DETRACTORS = ['0', '1', '2', '3', '4', '5', '6'];

/** The NPS starter in the reader's language: the 0–10 question, why (for everyone), what to improve first. */
export function npsTemplate(t: TFunction): SurveyQuestion[] {
  const options = ['delivery', 'price', 'quality', 'service', 'app'] as const;
  return [
    { id: 'nps', type: 'nps', title: t('surveys.npsTemplate.nps'), required: true },
    { id: 'why', type: 'text', title: t('surveys.npsTemplate.why') },
    {
      id: 'improve',
      type: 'multiple',
      title: t('surveys.npsTemplate.improve'),
      options: options.map((id) => ({ id, label: t(`surveys.npsTemplate.options.${id}`) })),
      showIf: { questionId: 'nps', values: DETRACTORS.concat(['7', '8']) },
    },
  ];
}

/** A fresh id for a question or an option: unique within its survey, stable once saved. */
export function newKey(prefix: string): string {
  return `${prefix}${Date.now().toString(36)}${Math.floor(Math.random() * 1296).toString(36)}`;
}
