/** 全局搜索（#15）的界面文案。 */
export const searchZhCN = {
  search: {
    button: '搜索',
    open: '搜索整个工作区',
    placeholder: '搜索目标、指标、任务、流程、工单、成员',
    hint: '输入关键词，空格分隔多个词；中文可搜两个字以上的片段',
    empty: '没有找到包含“{{query}}”的内容',
    failed: '搜索失败，请稍后再试',
    keys: '↑↓ 选择 · Enter 打开 · Esc 关闭',
    kind: {
      goal: '目标',
      kpi: '指标',
      task: '任务',
      process: '流程',
      case: '工单',
      person: '成员',
    },
  },
};
