import { useRef, useState, type CSSProperties } from 'react';
import { Select } from 'antd';
import { useTranslation } from 'react-i18next';
import { useDebouncedValue } from '../../components/useDebouncedValue.ts';
import { useKpiSearch, type KpiListFilter, type KpiListItem } from './hooks.ts';

const label = (kpi: KpiListItem) => (kpi.unit ? `${kpi.name} · ${kpi.unit}` : kpi.name);

/**
 * A KPI picker that asks the server as the user types (name or key contains), so a workspace of 20,000 KPIs
 * is never loaded whole. `onChange` hands over the chosen KPI's list row as well as its key.
 */
export function KpiSearchSelect({
  id,
  workspaceId,
  value,
  onChange,
  placeholder,
  allowClear,
  testId,
  style,
  kind,
  describe = label,
}: {
  /** Set by Form.Item (labels and field errors point at it). */
  id?: string | undefined;
  workspaceId: string;
  value?: string | null | undefined;
  onChange?: (key: string | null, kpi: KpiListItem | null) => void;
  placeholder?: string | undefined;
  allowClear?: boolean | undefined;
  testId?: string | undefined;
  style?: CSSProperties | undefined;
  /** Only measured (or only computed) KPIs. */
  kind?: KpiListFilter['kind'];
  /** The option text of a KPI (name and unit by default). */
  describe?: (kpi: KpiListItem) => string;
}) {
  const { t } = useTranslation();
  const [search, setSearch] = useState('');
  const query = useDebouncedValue(search.trim(), 250);
  const found = useKpiSearch(workspaceId, query, true, kind);
  // KPIs seen in answers, so the chosen one keeps its name when a later search no longer lists it.
  const seen = useRef(new Map<string, KpiListItem>());
  for (const kpi of found.data ?? []) seen.current.set(kpi.key, kpi);
  const chosen = value ? seen.current.get(value) : undefined;
  const options = (found.data ?? []).map((kpi) => ({ value: kpi.key, label: describe(kpi) }));
  if (value && !options.some((option) => option.value === value))
    options.unshift({ value, label: chosen ? describe(chosen) : value });
  return (
    <Select
      id={id}
      showSearch={{ filterOption: false, onSearch: setSearch, searchValue: search }}
      value={value ?? undefined}
      placeholder={placeholder ?? t('kpis.searchKpi')}
      allowClear={allowClear}
      loading={found.isFetching}
      notFoundContent={found.isFetching ? undefined : t('kpis.emptyFiltered')}
      onChange={(key: string | undefined) => {
        const kpi = key ? (seen.current.get(key) ?? null) : null;
        setSearch('');
        onChange?.(key ?? null, kpi);
      }}
      options={options}
      style={style}
      data-testid={testId}
    />
  );
}
