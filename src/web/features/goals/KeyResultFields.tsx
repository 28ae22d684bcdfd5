import { Col, Form, Input, InputNumber, Radio, Row, type FormInstance } from 'antd';
import { useTranslation } from 'react-i18next';
import { useKpiSearch, type KpiListItem } from '../kpis/hooks.ts';
import { KpiSearchSelect } from '../kpis/KpiSearchSelect.tsx';

/** The form values of one key result, in a goal's key result list or the "add key result" dialog. */
export type KeyResultValues = {
  kind: 'kpi' | 'deliverable';
  title: string;
  kpiKey?: string | undefined;
  baseline?: number | null | undefined;
  target?: number | null | undefined;
  weight: number;
};

export const NEW_KEY_RESULT: KeyResultValues = { kind: 'kpi', title: '', weight: 1 };

/** The API body for a key result's form values. */
export function keyResultBody(values: KeyResultValues) {
  const title = values.title.trim();
  if (values.kind === 'deliverable') return { title, weight: values.weight, kpiKey: null };
  return {
    title,
    kpiKey: values.kpiKey ?? null,
    baseline: values.baseline ?? null,
    target: values.target ?? null,
    weight: values.weight,
  };
}

/**
 * The inputs of one key result. `path` is where it sits in the form: `[index]` inside a Form.List, `[]` at
 * the top level; `listName` is the Form.List name, so dependent fields can read their siblings.
 */
export function KeyResultFields({
  form,
  path,
  listName,
  workspaceId,
}: {
  form: FormInstance;
  path: (string | number)[];
  listName?: string;
  workspaceId: string;
}) {
  const { t } = useTranslation();
  const fullPath = listName ? [listName, ...path] : path;
  const kind = Form.useWatch<KeyResultValues['kind'] | undefined>([...fullPath, 'kind'], form);

  // Picking a KPI fills what the user has not typed yet: its name as the title and a sensible baseline (a
  // sum KPI counts up from zero over the goal's window, others start from their latest value).
  // The picker searches the server; the first page of an empty search says whether there is any KPI at all.
  const anyKpi = useKpiSearch(workspaceId, '');
  const onKpiChange = (key: string | string[] | null, chosen: KpiListItem[]) => {
    const kpi = chosen[0];
    if (typeof key !== 'string' || !kpi) return;
    const current = (fullPath.length > 0 ? form.getFieldValue(fullPath) : form.getFieldsValue(true)) as
      Partial<KeyResultValues> | undefined;
    const next: Partial<KeyResultValues> = {};
    if (!current?.title?.trim()) next.title = kpi.name;
    if (current?.baseline === undefined || current.baseline === null) {
      next.baseline = kpi.aggregation === 'sum' ? 0 : (kpi.lastValue ?? null);
    }
    if (fullPath.length > 0) form.setFieldValue(fullPath, { ...current, ...next, kpiKey: key });
    else form.setFieldsValue({ ...next, kpiKey: key });
  };

  return (
    <>
      <Row gutter={12}>
        <Col xs={24} sm={8}>
          <Form.Item name={[...path, 'kind']} label={t('keyResults.kind')}>
            <Radio.Group
              optionType="button"
              options={[
                { value: 'kpi', label: t('keyResults.kindKpi') },
                { value: 'deliverable', label: t('keyResults.kindDeliverable') },
              ]}
            />
          </Form.Item>
        </Col>
        <Col xs={24} sm={16}>
          <Form.Item
            name={[...path, 'title']}
            label={t('keyResults.titleLabel')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input maxLength={200} placeholder={t('keyResults.titlePlaceholder')} data-testid="kr-title" />
          </Form.Item>
        </Col>
      </Row>
      {kind === 'deliverable' ? (
        <Row gutter={12}>
          <Col xs={12} sm={6}>
            <Form.Item name={[...path, 'weight']} label={t('keyResults.weight')}>
              <InputNumber min={0} max={100} step={1} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      ) : (
        <Row gutter={12}>
          <Col xs={24} sm={9}>
            <Form.Item
              name={[...path, 'kpiKey']}
              label={t('keyResults.kpi')}
              rules={[{ required: true, message: t('validation.required') }]}
              extra={anyKpi.data?.length === 0 ? t('keyResults.noKpis') : undefined}
            >
              <KpiSearchSelect
                workspaceId={workspaceId}
                placeholder={t('keyResults.kpiPlaceholder')}
                onChange={onKpiChange}
                testId="kr-kpi"
              />
            </Form.Item>
          </Col>
          <Col xs={8} sm={5}>
            <Form.Item
              name={[...path, 'baseline']}
              label={t('keyResults.baseline')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <InputNumber style={{ width: '100%' }} data-testid="kr-baseline" />
            </Form.Item>
          </Col>
          <Col xs={8} sm={5}>
            <Form.Item
              name={[...path, 'target']}
              label={t('keyResults.target')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <InputNumber style={{ width: '100%' }} data-testid="kr-target" />
            </Form.Item>
          </Col>
          <Col xs={8} sm={5}>
            <Form.Item name={[...path, 'weight']} label={t('keyResults.weight')}>
              <InputNumber min={0} max={100} step={1} style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
      )}
    </>
  );
}
