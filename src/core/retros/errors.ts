/** Error codes of 复盘 and training, spread into the one ERRORS table (src/core/errors). */
export const RETRO_ERRORS = {
  retro_not_found: { status: 404, en: 'Retrospective not found.', 'zh-CN': '未找到该复盘。' },
  retro_subject_not_found: {
    status: 400,
    en: 'The {subject} to review was not found in this workspace.',
    'zh-CN': '在本工作区未找到要复盘的{subject}。',
  },
  retro_subject_required: {
    status: 400,
    en: 'Choose the {subject} this retrospective reviews.',
    'zh-CN': '请选择要复盘的{subject}。',
  },
  retro_period_required: {
    status: 400,
    en: 'A campaign or period retrospective needs its start and end dates.',
    'zh-CN': '活动或周期复盘需要填写开始和结束日期。',
  },
  retro_period_order: {
    status: 400,
    en: 'The period ends before it starts.',
    'zh-CN': '周期的结束日期早于开始日期。',
  },
  retro_kpi_not_found: {
    status: 400,
    en: 'A KPI chosen for the figures is not in this workspace.',
    'zh-CN': '所选的指标不在本工作区。',
  },
  retro_action_owner_required: {
    status: 400,
    en: 'The action "{title}" needs an owner: every action becomes a task someone answers for. Nothing was saved.',
    'zh-CN': '行动项“{title}”需要指定负责人：每个行动项都会成为有人负责的任务。未保存任何内容。',
  },
  retro_action_owner_not_member: {
    status: 400,
    en: 'The owner of the action "{title}" is not a member of this workspace. Nothing was saved.',
    'zh-CN': '行动项“{title}”的负责人不是本工作区成员。未保存任何内容。',
  },
  retro_not_process: {
    status: 409,
    en: 'Only a process retrospective can open a new process version.',
    'zh-CN': '只有流程复盘才能开启新的流程版本。',
  },
  retro_version_exists: {
    status: 409,
    en: 'This retrospective already opened version {number}.',
    'zh-CN': '此复盘已开启第 {number} 版。',
  },
  training_course_not_found: { status: 404, en: 'Course not found.', 'zh-CN': '未找到该课程。' },
  training_session_not_found: {
    status: 404,
    en: 'Training session not found.',
    'zh-CN': '未找到该培训场次。',
  },
  training_person_not_member: {
    status: 400,
    en: 'Someone chosen is not a member of this workspace.',
    'zh-CN': '所选人员中有人不是本工作区成员。',
  },
  training_not_attended: {
    status: 400,
    en: 'Only someone who attended can complete the training or be assessed.',
    'zh-CN': '只有出席培训的人才能标记完成或进行评估。',
  },
} as const;
