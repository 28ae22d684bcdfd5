import type { CSSProperties } from 'react';
import { useTranslation } from 'react-i18next';
import { ServerSearchSelect } from '../../components/ServerSearchSelect.tsx';
import {
  KPI_PICKER_PAGE,
  kpiPickerQuery,
  kpisAskedQuery,
  type KpiListFilter,
  type KpiListItem,
} from './hooks.ts';

const label = (kpi: KpiListItem) => (kpi.unit ? `${kpi.name} · ${kpi.unit}` : kpi.name);

/**
 * A KPI picker that asks the server as the user types (name or key contains), so a workspace of 20,000 KPIs
 * is never loaded whole. Its value is the KPI's key, or its id with `valueField="id"`; `onChange` hands over
 * the chosen KPIs' list rows as well.
 */
export function KpiSearchSelect({
  id,
  workspaceId,
  value,
  onChange,
  mode,
  valueField = 'key',
  placeholder,
  allowClear,
  maxCount,
  testId,
  style,
  kind,
  describe = label,
  'aria-label': ariaLabel,
}: {
  /** Set by Form.Item (labels and field errors point at it). */
  id?: string | undefined;
  workspaceId: string;
  value?: string | readonly string[] | null | undefined;
  onChange?: (value: string | string[] | null, chosen: KpiListItem[]) => void;
  mode?: 'multiple' | undefined;
  valueField?: 'key' | 'id';
  placeholder?: string | undefined;
  allowClear?: boolean | undefined;
  maxCount?: number | undefined;
  testId?: string | undefined;
  style?: CSSProperties | undefined;
  /** Only measured (or only computed) KPIs. */
  kind?: KpiListFilter['kind'];
  /** The option text of a KPI (name and unit by default). */
  describe?: (kpi: KpiListItem) => string;
  'aria-label'?: string | undefined;
}) {
  const { t } = useTranslation();
  return (
    <ServerSearchSelect<KpiListItem>
      id={id}
      value={value}
      onChange={onChange}
      mode={mode}
      search={(text) => kpiPickerQuery(workspaceId, text, kind)}
      lookup={(values) => kpisAskedQuery(workspaceId, valueField === 'key' ? 'keys' : 'ids', values)}
      valueOf={(kpi) => (valueField === 'key' ? kpi.key : kpi.id)}
      labelOf={describe}
      pageSize={KPI_PICKER_PAGE}
      placeholder={placeholder ?? t('kpis.searchKpi')}
      allowClear={allowClear}
      maxCount={maxCount}
      style={style}
      testId={testId}
      aria-label={ariaLabel}
    />
  );
}
