import { memo, type DragEvent, type KeyboardEvent } from 'react';
import { CalendarOutlined, FlagFilled } from '@ant-design/icons';
import type { TFunction } from 'i18next';
import type { TaskCard } from './hooks.ts';
import { avatarColor, PRIORITY_STYLE } from './TaskBadges.tsx';
import { accountableAndResponsible, isOverdue } from './taskUtils.ts';

/** Avatars a card shows before "+N" (as the task list's avatar group). */
const MAX_AVATARS = 3;

/**
 * A card of the board, drawn with plain elements (styles in global.css, `.board-card`): up to 200 of them
 * render at once, and the antd Card, Typography, Tooltip and Avatar group each card had cost ~3 ms of the first
 * render apiece. Hover texts are the elements' titles; the card is one keyboard stop that opens the task on
 * Enter or Space. Memoised: a drag redraws only the card it moves.
 */
export const BoardCard = memo(function BoardCard({
  task,
  today,
  isDragging,
  isDraggable,
  t,
  shortDay,
  onOpen,
  onDragStart,
  onDragEnd,
}: {
  task: TaskCard;
  /** Today as 'YYYY-MM-DD', for "overdue". */
  today: string;
  isDragging: boolean;
  isDraggable: boolean;
  t: TFunction;
  shortDay: (day: string) => string;
  onOpen: (taskId: string) => void;
  onDragStart: (taskId: string, event: DragEvent) => void;
  onDragEnd: () => void;
}) {
  const overdue = isOverdue(task, today);
  const priority = PRIORITY_STYLE[task.priority];
  const priorityLabel = t(`taskPriority.${task.priority}`);
  const people = accountableAndResponsible(task.roles);
  const personTitle = (person: (typeof people)[number]) =>
    `${person.name} · ${person.roles.map((role) => t(`raci.roleNames.${role}`)).join(' + ')}`;
  const onKeyDown = (event: KeyboardEvent) => {
    if (event.target !== event.currentTarget || (event.key !== 'Enter' && event.key !== ' ')) return;
    event.preventDefault();
    onOpen(task.id);
  };
  return (
    <div
      role="button"
      tabIndex={0}
      className={`board-card${isDragging ? ' is-dragging' : ''}`}
      draggable={isDraggable}
      onDragStart={(event) => onDragStart(task.id, event)}
      onDragEnd={onDragEnd}
      onClick={() => onOpen(task.id)}
      onKeyDown={onKeyDown}
      data-testid={`board-card-${task.id}`}
    >
      <div className="board-card-title">
        {task.isMilestone ? (
          <FlagFilled
            className="board-card-milestone"
            title={t('tasks.milestone')}
            aria-label={t('tasks.milestone')}
          />
        ) : null}
        <span>{task.title}</span>
      </div>
      <div className="board-card-meta">
        <span className="board-card-facts">
          <span role="img" aria-label={priorityLabel} title={priorityLabel} style={{ color: priority.color }}>
            {priority.icon}
          </span>
          {task.wbs ? <span className="board-card-muted board-card-wbs">{task.wbs}</span> : null}
          {task.dueDate ? (
            <span
              className={`board-card-due ${overdue ? 'board-card-danger' : 'board-card-muted'}`}
              title={`${shortDay(task.dueDate)}${overdue ? ` · ${t('tasks.overdue')}` : ''}`}
            >
              <CalendarOutlined /> {shortDay(task.dueDate)}
              {overdue ? ` · ${t('tasks.overdue')}` : ''}
            </span>
          ) : null}
        </span>
        {people.length === 0 ? (
          <span className="board-card-muted board-card-nobody">{t('tasks.nobody')}</span>
        ) : (
          <span className="board-card-people">
            {people.slice(0, MAX_AVATARS).map((person) => (
              <span
                key={person.userId}
                role="img"
                className="board-card-avatar"
                style={{ background: avatarColor(person.userId) }}
                title={personTitle(person)}
                aria-label={personTitle(person)}
              >
                {person.name.slice(0, 1).toUpperCase()}
              </span>
            ))}
            {people.length > MAX_AVATARS ? (
              <span
                role="img"
                className="board-card-avatar board-card-more"
                title={people.slice(MAX_AVATARS).map(personTitle).join('\n')}
                aria-label={people.slice(MAX_AVATARS).map(personTitle).join(', ')}
              >
                +{people.length - MAX_AVATARS}
              </span>
            ) : null}
          </span>
        )}
      </div>
    </div>
  );
});
