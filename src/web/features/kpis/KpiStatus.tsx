import type { CSSProperties } from 'react';
import { Badge } from 'antd';
import { useTranslation } from 'react-i18next';
import type { Kpi } from './hooks.ts';

const BADGE = { green: 'success', amber: 'warning', red: 'error' } as const;

/** A KPI's threshold status as a coloured dot with its name. */
export function KpiStatus({ status }: { status: Kpi['status'] }) {
  const { t } = useTranslation();
  if (status === null) return <Badge status="default" text={t('kpis.statusLabels.none')} />;
  return (
    <Badge
      status={BADGE[status]}
      text={t(`kpis.statusLabels.${status}`)}
      data-testid={`kpi-status-${status}`}
    />
  );
}

/** Monospace for KPI keys and formulas, which are code. */
export const MONO: CSSProperties = {
  fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
  fontSize: 12.5,
};
