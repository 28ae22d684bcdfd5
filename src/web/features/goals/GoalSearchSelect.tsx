import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerSearchSelect } from '../../components/ServerSearchSelect.tsx';
import { GOAL_PICKER_PAGE, goalPickerQuery, goalsByIdQuery, type GoalNode } from './hooks.ts';

/**
 * A goal picker that asks the server as the user types (title contains, any level), so a workspace of 5,000
 * goals is never loaded to fill it; the chosen goals' titles are read by id.
 */
export function GoalSearchSelect({
  id,
  workspaceId,
  value,
  onChange,
  mode,
  excludeId,
  placeholder,
  allowClear,
  disabled,
  testId,
  style,
  'aria-label': ariaLabel,
}: {
  /** Set by Form.Item (labels and field errors point at it). */
  id?: string | undefined;
  workspaceId: string;
  value?: string | readonly string[] | null | undefined;
  onChange?: (value: string | string[] | null, chosen: GoalNode[]) => void;
  mode?: 'multiple' | undefined;
  /** A goal not to offer (the one being edited, as its own parent). */
  excludeId?: string | null | undefined;
  placeholder?: string | undefined;
  allowClear?: boolean | undefined;
  disabled?: boolean | undefined;
  testId?: string | undefined;
  style?: CSSProperties | undefined;
  'aria-label'?: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <ServerSearchSelect<GoalNode>
      id={id}
      value={value}
      onChange={onChange}
      mode={mode}
      search={(text) => goalPickerQuery(workspaceId, text)}
      lookup={(ids) => goalsByIdQuery(workspaceId, ids)}
      valueOf={(goal) => goal.id}
      labelOf={(goal) => goal.title}
      isHidden={excludeId ? (goal) => goal.id === excludeId : undefined}
      pageSize={GOAL_PICKER_PAGE}
      placeholder={placeholder ?? t('goals.searchGoal')}
      allowClear={allowClear}
      disabled={disabled}
      style={style}
      testId={testId}
      aria-label={ariaLabel}
    />
  );
}
