import type { communicationZhCN } from './communication.zh-CN.ts';

type Strings<T> = { [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

/** Team communication (#11) UI text: comments, notification settings, chat groups, meetings. */
export const communicationEn: Strings<typeof communicationZhCN> = {
  comments: {
    title: 'Comments and activity',
    tab: 'Comments',
    placeholder: 'Write a comment in Markdown; type @ to mention a member',
    hint: 'Markdown works; members you @mention are notified',
    tooLong: 'A comment holds at most {{limit}} characters',
    submit: 'Comment',
    empty: 'No comments or changes yet',
    edited: 'edited',
    react: 'Add a reaction',
    deleteConfirm: 'Delete this comment?',
    changed: '{{name}} {{action}}',
    system: 'System',
    formerMember: 'Former member',
    open: 'Comments',
    keyResultTitle: 'Comments on key result “{{title}}”',
  },
};
