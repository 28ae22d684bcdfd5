/** 团队沟通（#11）的界面文案：评论、通知设置、群机器人、会议。由 zh-CN.ts 合入，键与 communication.en.ts 一一对应。 */
export const communicationZhCN = {
  comments: {
    title: '评论与动态',
    tab: '评论',
    placeholder: '写评论，支持 Markdown；输入 @ 提及成员',
    hint: '支持 Markdown；@ 提及的成员会收到通知',
    tooLong: '评论最多 {{limit}} 个字符',
    submit: '发表评论',
    empty: '还没有评论或变更',
    edited: '已编辑',
    react: '添加表情回应',
    deleteConfirm: '删除这条评论？',
    changed: '{{name}} {{action}}',
    system: '系统',
    formerMember: '已离开的成员',
    open: '评论',
    keyResultTitle: '关键结果「{{title}}」的评论',
  },
};
