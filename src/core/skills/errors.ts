/** Error codes of the skills matrix, spread into the one ERRORS table (src/core/errors). */
export const SKILL_ERRORS = {
  skill_gap_not_found: {
    status: 409,
    en: 'Nobody has a gap in "{skill}" any more: there is no one to plan a training for.',
    'zh-CN': '“{skill}”已没有人存在差距，无需为此安排培训。',
  },
  skill_gap_already_planned: {
    status: 409,
    en: 'Everyone with a gap in "{skill}" is already invited to an upcoming session.',
    'zh-CN': '“{skill}”存在差距的人都已受邀参加即将进行的培训。',
  },
  training_trainer_required: {
    status: 400,
    en: 'Name the trainer: a member of the workspace or an outside trainer.',
    'zh-CN': '请指定讲师：工作区成员或外部讲师。',
  },
  development_goal_dates: {
    status: 400,
    en: 'The development goal is due before it starts.',
    'zh-CN': '发展目标的截止日期早于开始日期。',
  },
} as const;
