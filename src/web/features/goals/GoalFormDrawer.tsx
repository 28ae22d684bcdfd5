import { useEffect, useMemo, useState } from 'react';
import {
  App,
  Button,
  Card,
  Col,
  DatePicker,
  Drawer,
  Flex,
  Form,
  Input,
  Radio,
  Row,
  Select,
  Typography,
  type FormInstance,
} from 'antd';
import { DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { applyFieldErrors } from '../../components/formErrors.ts';
import { useDebouncedValue } from '../../components/useDebouncedValue.ts';
import { useMe } from '../account/hooks.ts';
import { useKpiSearch } from '../kpis/hooks.ts';
import { useMembers } from '../members/hooks.ts';
import { GoalSearchSelect } from './GoalSearchSelect.tsx';
import {
  useCreateGoal,
  useSmartAnalysis,
  useUpdateGoal,
  type Goal,
  type GoalDetail,
  type GoalStatus,
  type SmartInput,
} from './hooks.ts';
import { KeyResultFields, keyResultBody, NEW_KEY_RESULT, type KeyResultValues } from './KeyResultFields.tsx';
import { SmartPanel } from './SmartPanel.tsx';

/** Create (under a parent, whose period a sub-goal starts from) or edit a goal. */
export type GoalFormMode =
  | { kind: 'create'; parent?: Pick<Goal, 'id' | 'startDate' | 'dueDate'> | null }
  | { kind: 'edit'; goal: Goal };

type Values = {
  title: string;
  description: string;
  alignment: 'parent' | 'top';
  parentId?: string | null;
  ownerId?: string | null;
  startDate: Dayjs;
  dueDate?: Dayjs | null;
  status: GoalStatus;
  keyResults?: KeyResultValues[];
};

/**
 * Where the due date in the form came from. Only a date the person picked (or a saved goal's) is sent to the
 * SMART check; a default never overrides the deadline the statement writes, which fills the field instead.
 */
type DueDateSource = 'default' | 'statement' | 'picked';

/** The first key result's numbers as the form filled them from the statement, until the person edits them. */
type Prefill = { kpiKey?: string; title?: string; baseline?: number | null; target?: number | null };

/** Create or edit a goal in a drawer; on create, its key results go in the same request. */
export function GoalFormDrawer({
  workspaceId,
  mode,
  onClose,
  onSaved,
}: {
  workspaceId: string;
  mode: GoalFormMode | null;
  onClose: () => void;
  onSaved?: (detail: GoalDetail) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const myId = useMe().data?.user.id ?? null;
  const members = useMembers(workspaceId);
  const editing = mode?.kind === 'edit' ? mode.goal : null;
  const create = useCreateGoal(workspaceId);
  const update = useUpdateGoal(workspaceId, editing?.id ?? '');
  const mutation = editing ? update : create;
  const alignment = Form.useWatch('alignment', form);
  const [dueSource, setDueSource] = useState<DueDateSource>('default');
  const [prefill, setPrefill] = useState<Prefill>({});
  const isCreating = mode?.kind === 'create';
  const smart = useLiveSmart(workspaceId, form, mode !== null, {
    sendsDueDate: dueSource === 'picked',
    prefill,
    suggestKpi: isCreating,
  });

  const { reset: resetCreate } = create;
  const { reset: resetUpdate } = update;
  useEffect(() => {
    if (!mode) return;
    resetCreate();
    resetUpdate();
    form.resetFields();
    setPrefill({});
    setDueSource(mode.kind === 'edit' ? 'picked' : 'default');
    if (mode.kind === 'edit') {
      const goal = mode.goal;
      form.setFieldsValue({
        title: goal.title,
        description: goal.description ?? '',
        alignment: goal.parentId ? 'parent' : 'top',
        parentId: goal.parentId,
        ownerId: goal.owner?.id ?? null,
        startDate: dayjs(goal.startDate),
        dueDate: dayjs(goal.dueDate),
        status: goal.status,
      });
    } else {
      const today = dayjs().startOf('day');
      const parent = mode.parent ?? null;
      form.setFieldsValue({
        title: '',
        description: '',
        alignment: parent ? 'parent' : 'top',
        parentId: parent?.id ?? null,
        ownerId: myId,
        startDate: parent ? dayjs(parent.startDate) : today,
        // A sub-goal starts from its parent's period; a top-level goal's due date comes from its statement.
        dueDate: parent ? dayjs(parent.dueDate) : null,
        status: 'active',
        keyResults: [{ ...NEW_KEY_RESULT }],
      });
    }
  }, [mode, form, myId, resetCreate, resetUpdate]);

  // What the statement says fills what the person has not set: the due date from its deadline, the first key
  // result's KPI, baseline and target from the one reading of its target (the same core function as the CLI).
  const analysis = smart.isPlaceholderData ? undefined : smart.data;
  // The KPI the statement names, read by key to title the prefilled key result (never the whole catalogue).
  const suggestedKey = analysis?.interpretation?.kpiKey ?? '';
  const suggestedKpi = useKpiSearch(workspaceId, suggestedKey, suggestedKey !== '');
  const parentDue = mode?.kind === 'create' ? (mode.parent?.dueDate ?? null) : null;
  useEffect(() => {
    if (!analysis || !isCreating) return;
    const deadline = analysis.extracted.deadline;
    if (dueSource !== 'picked') {
      const current = form.getFieldValue('dueDate') as Dayjs | null | undefined;
      if (deadline) {
        if (!current || current.format('YYYY-MM-DD') !== deadline)
          form.setFieldValue('dueDate', dayjs(deadline));
        if (dueSource !== 'statement') setDueSource('statement');
      } else if (dueSource === 'statement') {
        form.setFieldValue('dueDate', parentDue ? dayjs(parentDue) : null);
        setDueSource('default');
      }
    }
    const reading = analysis.interpretation;
    const first = (form.getFieldValue(['keyResults', 0]) ?? undefined) as KeyResultValues | undefined;
    if (!reading || reading.source !== 'text' || !first || first.kind !== 'kpi') return;
    const kpiKey = first.kpiKey ?? reading.kpiKey ?? undefined;
    if (!kpiKey || (first.kpiKey && reading.kpiKey && first.kpiKey !== reading.kpiKey)) return;
    const isUntouched = isPrefilled(first, prefill);
    const next: Prefill = { ...prefill, kpiKey };
    const changes: Partial<KeyResultValues> = {};
    if (!first.kpiKey) changes.kpiKey = kpiKey;
    const kpiName = suggestedKpi.data?.find((kpi) => kpi.key === kpiKey)?.name;
    if (!first.title?.trim() && kpiName) {
      changes.title = kpiName;
      next.title = kpiName;
    }
    if (isUntouched && reading.target !== null) {
      if (reading.baseline !== null && reading.baseline !== first.baseline)
        changes.baseline = reading.baseline;
      if (reading.target !== first.target) changes.target = reading.target;
      next.baseline = reading.baseline ?? first.baseline ?? null;
      next.target = reading.target;
    }
    if (Object.keys(changes).length === 0) return;
    form.setFieldValue(['keyResults', 0], { ...first, ...changes });
    setPrefill(next);
  }, [analysis, isCreating, dueSource, parentDue, form, prefill, suggestedKpi.data]);

  // Errors show at their fields, and the drawer scrolls to the first: at the bottom they went unseen.
  const showFieldErrors = () => {
    const first = form.getFieldsError().find((field) => field.errors.length > 0);
    if (first) form.scrollToField(first.name, { behavior: 'smooth', block: 'center' });
    void message.error(t('goals.fixFieldErrors'));
  };

  const submit = (values: Values) => {
    const isTopLevel = values.alignment === 'top';
    const common = {
      title: values.title.trim(),
      description: values.description.trim() === '' ? null : values.description,
      parentId: isTopLevel ? null : (values.parentId ?? null),
      isTopLevel,
      ownerId: values.ownerId ?? null,
      startDate: values.startDate.format('YYYY-MM-DD'),
      dueDate: (values.dueDate ?? values.startDate).format('YYYY-MM-DD'),
      status: values.status,
    };
    const onError = (error: unknown) => {
      if (applyFieldErrors(form, error)) showFieldErrors();
    };
    const onSuccess = (detail: GoalDetail) => {
      void message.success(editing ? t('goals.saved') : t('goals.created'));
      onClose();
      onSaved?.(detail);
    };
    if (editing) update.mutate(common, { onSuccess, onError });
    else
      create.mutate(
        { ...common, keyResults: (values.keyResults ?? []).map(keyResultBody) },
        { onSuccess, onError },
      );
  };

  return (
    <Drawer
      open={mode !== null}
      title={editing ? t('goals.formTitleEdit') : t('goals.formTitleCreate')}
      size={720}
      onClose={onClose}
      destroyOnHidden
      forceRender
      footer={
        <Flex justify="flex-end" gap={8}>
          <Button onClick={onClose}>{t('actions.cancel')}</Button>
          <Button
            type="primary"
            loading={mutation.isPending}
            onClick={() => form.submit()}
            data-testid="goal-form-submit"
          >
            {t('actions.save')}
          </Button>
        </Flex>
      }
    >
      <FormErrorAlert error={mutation.error} />
      <Form
        name="goal"
        form={form}
        layout="vertical"
        onFinish={submit}
        onFinishFailed={showFieldErrors}
        data-testid="goal-form"
      >
        <Form.Item
          name="title"
          label={t('goals.titleLabel')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={200} placeholder={t('goals.titlePlaceholder')} data-testid="goal-title" />
        </Form.Item>
        <Form.Item name="description" label={t('goals.descriptionLabel')} extra={t('goals.descriptionHint')}>
          <Input.TextArea autoSize={{ minRows: 3, maxRows: 10 }} maxLength={10_000} />
        </Form.Item>
        <Card size="small" title={t('smart.title')} style={{ marginBottom: 24, background: '#fafbff' }}>
          <SmartPanel analysis={smart.data} isChecking={smart.isFetching} compact />
        </Card>
        <Form.Item name="alignment" label={t('goals.alignment')}>
          <Radio.Group
            options={[
              { value: 'top', label: t('goals.topLevel') },
              { value: 'parent', label: t('goals.alignToParent') },
            ]}
          />
        </Form.Item>
        {alignment === 'parent' ? (
          <Form.Item
            name="parentId"
            label={t('goals.parentLabel')}
            rules={[{ required: true, message: t('validation.required') }]}
          >
            {/* A search, not the whole tree: the server refuses a parent below the goal itself (goal_cycle). */}
            <GoalSearchSelect
              workspaceId={workspaceId}
              excludeId={editing?.id}
              placeholder={t('goals.parentPlaceholder')}
              testId="goal-parent"
            />
          </Form.Item>
        ) : (
          <Typography.Paragraph type="secondary" style={{ marginTop: -12 }}>
            {t('goals.topLevelHint')}
          </Typography.Paragraph>
        )}
        <Row gutter={12}>
          <Col xs={24} sm={12}>
            <Form.Item name="ownerId" label={t('goals.owner')}>
              <Select
                allowClear
                showSearch={{ optionFilterProp: 'label' }}
                loading={members.isPending}
                placeholder={t('goals.ownerPlaceholder')}
                options={(members.data ?? []).map((member) => ({ value: member.userId, label: member.name }))}
              />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="status" label={t('goals.status')}>
              <Select
                options={(['draft', 'active', 'done', 'cancelled'] as const).map((status) => ({
                  value: status,
                  label: t(`goalStatus.${status}`),
                }))}
              />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item
              name="startDate"
              label={t('goals.startDate')}
              rules={[{ required: true, message: t('validation.required') }]}
            >
              <DatePicker style={{ width: '100%' }} allowClear={false} />
            </Form.Item>
          </Col>
          <Col xs={12}>
            <Form.Item
              name="dueDate"
              label={t('goals.dueDate')}
              rules={[{ required: true, message: t('goals.dueDateRequired') }]}
              extra={
                dueSource === 'statement' ? (
                  <span data-testid="due-from-statement">{t('goals.dueFromStatement')}</span>
                ) : undefined
              }
            >
              <DatePicker
                style={{ width: '100%' }}
                allowClear={false}
                placeholder={t('goals.duePlaceholder')}
                onChange={() => setDueSource('picked')}
              />
            </Form.Item>
          </Col>
        </Row>
        {editing ? null : (
          <>
            <Typography.Title level={5} style={{ marginTop: 8, marginBottom: 4 }}>
              {t('goals.keyResults')}
            </Typography.Title>
            <Typography.Paragraph type="secondary">{t('goals.keyResultsHint')}</Typography.Paragraph>
            <Form.List name="keyResults">
              {(fields, { add, remove }) => (
                <Flex vertical gap={12}>
                  {fields.map((field, index) => (
                    <Card
                      key={field.key}
                      size="small"
                      title={`${t('keyResults.titleLabel')} ${index + 1}`}
                      data-testid={`key-result-${index}`}
                      extra={
                        <Button
                          type="text"
                          size="small"
                          icon={<DeleteOutlined />}
                          onClick={() => remove(field.name)}
                          aria-label={t('keyResults.remove')}
                        >
                          {t('keyResults.remove')}
                        </Button>
                      }
                    >
                      <KeyResultFields
                        form={form}
                        path={[field.name]}
                        listName="keyResults"
                        workspaceId={workspaceId}
                      />
                    </Card>
                  ))}
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    onClick={() => add({ ...NEW_KEY_RESULT })}
                    data-testid="add-key-result"
                    block
                  >
                    {t('goals.addKeyResult')}
                  </Button>
                </Flex>
              )}
            </Form.List>
          </>
        )}
      </Form>
    </Drawer>
  );
}

/** The first key result still holds what the statement filled in (or nothing yet): the statement may refill it. */
function isPrefilled(keyResult: Partial<KeyResultValues>, prefill: Prefill): boolean {
  const target = keyResult.target ?? null;
  if (target === null) return true;
  return target === (prefill.target ?? null) && (keyResult.baseline ?? null) === (prefill.baseline ?? null);
}

/**
 * The SMART analysis of what the form says right now: the title as the statement, its place in the tree,
 * a due date the person picked, and the first KPI key result (its numbers only once the person set them, so
 * numbers filled in from the statement follow the statement). Debounced, so it runs when typing pauses.
 */
function useLiveSmart(
  workspaceId: string,
  form: FormInstance<Values>,
  isOpen: boolean,
  options: { sendsDueDate: boolean; prefill: Prefill; suggestKpi: boolean },
) {
  const title = Form.useWatch('title', form) ?? '';
  const alignment = Form.useWatch('alignment', form);
  const parentId = Form.useWatch('parentId', form) ?? null;
  const startDate = Form.useWatch('startDate', form);
  const dueDate = Form.useWatch('dueDate', form);
  const keyResults = Form.useWatch('keyResults', form);
  const firstKpi = (keyResults ?? []).find((keyResult) => keyResult?.kind === 'kpi' && keyResult.kpiKey);
  // Primitives only, so the memo (and the debounce after it) settles instead of changing every render.
  const start = startDate ? startDate.format('YYYY-MM-DD') : null;
  const due = options.sendsDueDate && dueDate ? dueDate.format('YYYY-MM-DD') : null;
  const kpiKey = firstKpi?.kpiKey ?? null;
  const isOwnNumbers = firstKpi ? !isPrefilled(firstKpi, options.prefill) : false;
  const baseline = isOwnNumbers ? (firstKpi?.baseline ?? null) : null;
  const target = isOwnNumbers ? (firstKpi?.target ?? null) : null;
  const keyResultTitle = firstKpi?.title?.trim() || null;
  const { suggestKpi } = options;
  const input = useMemo<SmartInput>(
    () => ({
      statement: title.trim(),
      parentGoalId: alignment === 'parent' ? parentId : null,
      isTopLevel: alignment === 'top',
      startDate: start,
      dueDate: due,
      kpiKey,
      keyResult: kpiKey ? { title: keyResultTitle, baseline, target } : null,
      suggestKpi,
    }),
    [title, alignment, parentId, start, due, kpiKey, keyResultTitle, baseline, target, suggestKpi],
  );
  const settled = useDebouncedValue(input, 400);
  return useSmartAnalysis(workspaceId, settled, isOpen);
}
