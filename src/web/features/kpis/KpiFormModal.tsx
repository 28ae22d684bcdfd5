import { useEffect } from 'react';
import { App, Col, Form, Input, InputNumber, Modal, Radio, Row, Select, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { applyFieldErrors } from '../../components/formErrors.ts';
import { useMembers } from '../members/hooks.ts';
import { useCreateKpi, useUpdateKpi, type Kpi, type KpiInput } from './hooks.ts';
import { MONO } from './KpiStatus.tsx';

type Values = {
  key: string;
  name: string;
  unit: string;
  direction: Kpi['direction'];
  aggregation: Kpi['aggregation'];
  frequency: Kpi['frequency'];
  formula: string;
  ownerId?: string | null;
  green?: number | null;
  amber?: number | null;
  description: string;
};

const KEY_PATTERN = /^[a-z][a-z0-9_]*$/;

/** Define a KPI, or change one (its key stays). Formula errors come back under the formula input. */
export function KpiFormModal({
  workspaceId,
  open,
  kpi,
  onClose,
  onSaved,
}: {
  workspaceId: string;
  open: boolean;
  kpi?: Kpi | null;
  onClose: () => void;
  onSaved?: (kpi: Kpi) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const members = useMembers(workspaceId);
  const create = useCreateKpi(workspaceId);
  const update = useUpdateKpi(workspaceId, kpi?.key ?? '');
  const mutation = kpi ? update : create;
  const { reset: resetCreate } = create;
  const { reset: resetUpdate } = update;

  useEffect(() => {
    if (!open) return;
    resetCreate();
    resetUpdate();
    form.resetFields();
    form.setFieldsValue(
      kpi
        ? {
            key: kpi.key,
            name: kpi.name,
            unit: kpi.unit ?? '',
            direction: kpi.direction,
            aggregation: kpi.aggregation,
            frequency: kpi.frequency,
            formula: kpi.formula ?? '',
            ownerId: kpi.owner?.id ?? null,
            green: kpi.thresholds?.green ?? null,
            amber: kpi.thresholds?.amber ?? null,
            description: kpi.description ?? '',
          }
        : {
            key: '',
            name: '',
            unit: '',
            direction: 'higher',
            aggregation: 'sum',
            frequency: 'day',
            formula: '',
            ownerId: null,
            green: null,
            amber: null,
            description: '',
          },
    );
  }, [open, kpi, form, resetCreate, resetUpdate]);

  const submit = (values: Values) => {
    const hasThresholds = values.green !== null && values.green !== undefined;
    const body: Omit<KpiInput, 'key'> = {
      name: values.name.trim(),
      unit: values.unit.trim() === '' ? null : values.unit.trim(),
      direction: values.direction,
      aggregation: values.aggregation,
      frequency: values.frequency,
      formula: values.formula.trim() === '' ? null : values.formula.trim(),
      ownerId: values.ownerId ?? null,
      thresholds: hasThresholds ? { green: values.green ?? 0, amber: values.amber ?? 0 } : null,
      description: values.description.trim() === '' ? null : values.description.trim(),
    };
    // The API names threshold errors `thresholds.green`; the form has them flat.
    const onError = (error: unknown) =>
      applyFieldErrors(form, error, (path) => path.replace(/^thresholds\./, ''));
    const onSuccess = ({ kpi: saved }: { kpi: Kpi }) => {
      void message.success(kpi ? t('kpis.saved') : t('kpis.created'));
      onSaved?.(saved);
      onClose();
    };
    if (kpi) update.mutate(body, { onSuccess, onError });
    else create.mutate({ ...body, key: values.key.trim() }, { onSuccess, onError });
  };

  return (
    <Modal
      open={open}
      title={kpi ? t('kpis.editTitle') : t('kpis.formTitle')}
      okText={t('actions.save')}
      cancelText={t('actions.cancel')}
      confirmLoading={mutation.isPending}
      onOk={() => form.submit()}
      onCancel={onClose}
      width={680}
      destroyOnHidden
      forceRender
    >
      <FormErrorAlert error={mutation.error} />
      <Form name="kpi" form={form} layout="vertical" onFinish={submit}>
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item
              name="name"
              label={t('kpis.name')}
              rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
            >
              <Input maxLength={100} placeholder={t('kpis.namePlaceholder')} data-testid="kpi-name" />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item
              name="key"
              label={t('kpis.key')}
              extra={kpi ? undefined : t('kpis.keyHint')}
              rules={[
                { required: true, message: t('validation.required') },
                { pattern: KEY_PATTERN, message: t('kpis.keyPattern') },
              ]}
            >
              <Input maxLength={64} disabled={Boolean(kpi)} style={MONO} data-testid="kpi-key" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="unit" label={t('kpis.unit')}>
              <Input maxLength={20} placeholder={t('kpis.unitPlaceholder')} data-testid="kpi-unit" />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="frequency" label={t('kpis.frequency')}>
              <Select
                data-testid="kpi-frequency"
                options={(['day', 'week', 'month'] as const).map((value) => ({
                  value,
                  label: t(`kpis.frequencies.${value}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="aggregation" label={t('kpis.aggregation')}>
              <Select
                data-testid="kpi-aggregation"
                options={(['sum', 'avg', 'last', 'min', 'max'] as const).map((value) => ({
                  value,
                  label: t(`kpis.aggregations.${value}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="ownerId" label={t('kpis.owner')}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                options={(members.data ?? []).map((member) => ({ value: member.userId, label: member.name }))}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="direction" label={t('kpis.direction')}>
          <Radio.Group
            options={(['higher', 'lower'] as const).map((value) => ({
              value,
              label: t(`kpis.directions.${value}`),
            }))}
          />
        </Form.Item>
        <Form.Item name="formula" label={t('kpis.formula')} extra={t('kpis.formulaHint')}>
          <Input.TextArea
            autoSize={{ minRows: 1, maxRows: 4 }}
            maxLength={1000}
            placeholder={t('kpis.formulaPlaceholder')}
            style={MONO}
            spellCheck={false}
            data-testid="kpi-formula"
          />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={12} sm={6}>
            <Form.Item
              name="green"
              label={t('kpis.thresholdGreen')}
              dependencies={['amber']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, value: number | null | undefined) =>
                    (value === null || value === undefined) !==
                    (getFieldValue('amber') === null || getFieldValue('amber') === undefined)
                      ? Promise.reject(new Error(t('kpis.thresholdsBoth')))
                      : Promise.resolve(),
                }),
              ]}
            >
              <InputNumber style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="amber" label={t('kpis.thresholdAmber')}>
              <InputNumber style={{ width: '100%' }} />
            </Form.Item>
          </Col>
        </Row>
        <Typography.Paragraph type="secondary" style={{ marginTop: -16, fontSize: 13 }}>
          {t('kpis.thresholdsHint')}
        </Typography.Paragraph>
        <Form.Item name="description" label={t('kpis.descriptionLabel')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={2000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
