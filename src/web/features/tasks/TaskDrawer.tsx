import { useEffect, useMemo } from 'react';
import {
  App,
  Badge,
  Button,
  Col,
  DatePicker,
  Drawer,
  Flex,
  Form,
  Input,
  InputNumber,
  Popconfirm,
  Rate,
  Result,
  Row,
  Select,
  Spin,
  Switch,
  Tabs,
  Typography,
} from 'antd';
import { DeleteOutlined, MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { applyFieldErrors } from '../../components/formErrors.ts';
import { GoalSearchSelect } from '../goals/GoalSearchSelect.tsx';
import { ChecklistEditor } from './ChecklistEditor.tsx';
import { DependenciesEditor } from './DependenciesEditor.tsx';
import {
  PRIORITIES,
  TASK_STATUSES,
  useDeleteTask,
  useTaskLabels,
  useTask,
  useUpdateTask,
  type TaskChanges,
  type TaskDetail,
  type TaskPriority,
  type TaskStatus,
} from './hooks.ts';
import { RaciEditor } from './RaciEditor.tsx';
import { CommentsPanel } from '../comments/CommentsPanel.tsx';
import { SubtasksCard } from './SubtasksCard.tsx';
import { SuggestionsPanel } from './SuggestionsPanel.tsx';
import { TaskSearchSelect } from './TaskSearchSelect.tsx';
import { MilestoneIcon, TaskStatusTag } from './TaskBadges.tsx';

type Values = {
  title: string;
  description: string;
  status: TaskStatus;
  priority: TaskPriority;
  isMilestone: boolean;
  goalId: string | null;
  parentId: string | null;
  estimateHours: number | null;
  startDate: Dayjs | null;
  dueDate: Dayjs | null;
  bufferDays: number;
  labels: string[];
  requiredSkills: Array<{ skill: string; minLevel: number }>;
};

function valuesOf(task: TaskDetail['task']): Values {
  return {
    title: task.title,
    description: task.description ?? '',
    status: task.status,
    priority: task.priority,
    isMilestone: task.isMilestone,
    goalId: task.goalId,
    parentId: task.parentId,
    estimateHours: task.estimateHours,
    startDate: task.startDate ? dayjs(task.startDate) : null,
    dueDate: task.dueDate ? dayjs(task.dueDate) : null,
    bufferDays: task.bufferDays,
    labels: task.labels,
    requiredSkills: task.requiredSkills,
  };
}

function changesOf(values: Values): TaskChanges {
  return {
    title: values.title.trim(),
    description: values.description.trim() === '' ? null : values.description,
    status: values.status,
    priority: values.priority,
    isMilestone: values.isMilestone,
    goalId: values.goalId ?? null,
    parentId: values.parentId ?? null,
    estimateHours: values.estimateHours ?? null,
    startDate: values.startDate ? values.startDate.format('YYYY-MM-DD') : null,
    dueDate: values.dueDate ? values.dueDate.format('YYYY-MM-DD') : null,
    bufferDays: values.bufferDays ?? 0,
    labels: values.labels ?? [],
    requiredSkills: (values.requiredSkills ?? []).filter((skill) => skill?.skill?.trim()),
  };
}

/** Everything about one task: fields, checklist, people (RACI and suggestions), dependencies, subtasks. */
export function TaskDrawer({
  workspaceId,
  taskId,
  mayWrite,
  mayDelete,
  onClose,
  onOpenTask,
}: {
  workspaceId: string;
  taskId: string | null;
  mayWrite: boolean;
  mayDelete: boolean;
  onClose: () => void;
  onOpenTask: (taskId: string) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const task = useTask(workspaceId, taskId);
  const detail = task.data;

  return (
    <Drawer
      open={taskId !== null}
      onClose={onClose}
      size={760}
      destroyOnHidden
      data-testid="task-drawer"
      title={
        detail ? (
          <Flex gap={8} align="center" style={{ minWidth: 0 }}>
            <Typography.Text type="secondary" style={{ fontVariantNumeric: 'tabular-nums', fontWeight: 400 }}>
              {detail.task.wbs}
            </Typography.Text>
            {detail.task.isMilestone ? <MilestoneIcon /> : null}
            <Typography.Text ellipsis style={{ fontSize: 16 }}>
              {detail.task.title}
            </Typography.Text>
            <TaskStatusTag status={detail.task.status} />
          </Flex>
        ) : (
          t('tasks.task')
        )
      }
      extra={
        detail && mayDelete ? (
          <DeleteTaskButton
            workspaceId={workspaceId}
            detail={detail}
            onDeleted={() => {
              void message.success(t('tasks.deleted'));
              onClose();
            }}
          />
        ) : null
      }
    >
      {task.error ? (
        <Result status="warning" title={t('tasks.notFound')} subTitle={errorMessage(task.error)} />
      ) : !detail ? (
        <Flex justify="center" style={{ padding: 48 }}>
          <Spin />
        </Flex>
      ) : (
        <Tabs
          items={[
            {
              key: 'details',
              label: t('tasks.tabs.details'),
              children: (
                <Flex vertical gap={24}>
                  <TaskFields workspaceId={workspaceId} detail={detail} mayWrite={mayWrite} />
                  <div>
                    <Typography.Title level={5}>{t('tasks.checklist')}</Typography.Title>
                    <ChecklistEditor workspaceId={workspaceId} detail={detail} mayWrite={mayWrite} />
                  </div>
                </Flex>
              ),
            },
            {
              key: 'people',
              label: t('tasks.tabs.people'),
              children: (
                <Flex vertical gap={24}>
                  <RaciEditor workspaceId={workspaceId} detail={detail} mayWrite={mayWrite} />
                  <div>
                    <Typography.Title level={5}>{t('suggestions.title')}</Typography.Title>
                    <Typography.Paragraph type="secondary" style={{ fontSize: 13 }}>
                      {t('suggestions.hint')}
                    </Typography.Paragraph>
                    <SuggestionsPanel workspaceId={workspaceId} detail={detail} mayWrite={mayWrite} />
                  </div>
                </Flex>
              ),
            },
            {
              key: 'dependencies',
              label: (
                <Badge
                  count={detail.predecessors.length + detail.successors.length}
                  size="small"
                  color="#bfbfbf"
                  offset={[8, 0]}
                >
                  {t('tasks.tabs.dependencies')}
                </Badge>
              ),
              children: (
                <DependenciesEditor
                  workspaceId={workspaceId}
                  detail={detail}
                  mayWrite={mayWrite}
                  onOpenTask={onOpenTask}
                />
              ),
            },
            {
              key: 'subtasks',
              label: (
                <Badge count={detail.children.length} size="small" color="#bfbfbf" offset={[8, 0]}>
                  {t('tasks.tabs.subtasks')}
                </Badge>
              ),
              children: (
                <SubtasksCard
                  workspaceId={workspaceId}
                  detail={detail}
                  mayWrite={mayWrite}
                  onOpenTask={onOpenTask}
                />
              ),
            },
            {
              key: 'comments',
              label: t('comments.tab'),
              children: <CommentsPanel targetType="task" targetId={detail.task.id} isBare />,
            },
          ]}
        />
      )}
    </Drawer>
  );
}

function DeleteTaskButton({
  workspaceId,
  detail,
  onDeleted,
}: {
  workspaceId: string;
  detail: TaskDetail;
  onDeleted: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const remove = useDeleteTask(workspaceId);
  return (
    <Popconfirm
      title={detail.children.length > 0 ? t('tasks.deleteConfirmChildren') : t('tasks.deleteConfirm')}
      okButtonProps={{ danger: true }}
      onConfirm={() =>
        remove.mutate(detail.task.id, {
          onSuccess: onDeleted,
          onError: (error) => void message.error(errorMessage(error)),
        })
      }
    >
      <Button danger icon={<DeleteOutlined />} loading={remove.isPending}>
        {t('tasks.delete')}
      </Button>
    </Popconfirm>
  );
}

function TaskFields({
  workspaceId,
  detail,
  mayWrite,
}: {
  workspaceId: string;
  detail: TaskDetail;
  mayWrite: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const update = useUpdateTask(workspaceId);
  const isMilestone = Form.useWatch('isMilestone', form);
  const task = detail.task;

  const { reset } = update;
  useEffect(() => {
    form.setFieldsValue(valuesOf(task));
    reset();
  }, [task, form, reset]);

  const labelChoices = useTaskLabels(workspaceId);
  const labelOptions = useMemo(
    () => (labelChoices.data?.labels ?? []).map((label) => ({ value: label, label })),
    [labelChoices.data],
  );

  const submit = (values: Values) =>
    update.mutate(
      { taskId: task.id, changes: changesOf(values) },
      {
        onSuccess: () => void message.success(t('tasks.saved')),
        onError: (error) => applyFieldErrors(form, error),
      },
    );

  return (
    <>
      <FormErrorAlert error={update.error} />
      <Form
        name="task"
        form={form}
        layout="vertical"
        onFinish={submit}
        disabled={!mayWrite}
        initialValues={valuesOf(task)}
      >
        <Form.Item
          name="title"
          label={t('tasks.titleLabel')}
          rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
        >
          <Input maxLength={300} data-testid="task-title" />
        </Form.Item>
        <Form.Item name="description" label={t('tasks.descriptionLabel')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} maxLength={20_000} />
        </Form.Item>
        <Row gutter={12}>
          <Col xs={12} sm={8}>
            <Form.Item name="status" label={t('tasks.status')}>
              <Select options={TASK_STATUSES.map((value) => ({ value, label: t(`taskStatus.${value}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item name="priority" label={t('tasks.priority')}>
              <Select options={PRIORITIES.map((value) => ({ value, label: t(`taskPriority.${value}`) }))} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={8}>
            <Form.Item
              name="isMilestone"
              label={t('tasks.milestone')}
              valuePropName="checked"
              tooltip={t('tasks.milestoneHint')}
            >
              <Switch />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="goalId" label={t('tasks.goal')}>
              <GoalSearchSelect workspaceId={workspaceId} allowClear placeholder={t('tasks.noGoal')} />
            </Form.Item>
          </Col>
          <Col xs={24} sm={12}>
            <Form.Item name="parentId" label={t('tasks.parent')}>
              <TaskSearchSelect
                workspaceId={workspaceId}
                allowClear
                placeholder={t('tasks.topLevel')}
                // A task cannot move under itself or one of its own subtasks.
                isHidden={(other) =>
                  other.id === task.id || (task.wbs !== '' && `${other.wbs}.`.startsWith(`${task.wbs}.`))
                }
                testId="task-parent"
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="startDate" label={t('tasks.startDate')}>
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item
              name="dueDate"
              label={t('tasks.dueDate')}
              dependencies={['startDate']}
              rules={[
                ({ getFieldValue }) => ({
                  validator: (_, value: Dayjs | null) => {
                    const start = getFieldValue('startDate') as Dayjs | null;
                    return value && start && value.isBefore(start, 'day')
                      ? Promise.reject(new Error(t('tasks.dueBeforeStart')))
                      : Promise.resolve();
                  },
                }),
              ]}
            >
              <DatePicker style={{ width: '100%' }} />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="estimateHours" label={t('tasks.estimate')}>
              <InputNumber
                min={0}
                max={10_000}
                style={{ width: '100%' }}
                suffix={t('tasks.hoursUnit')}
                disabled={!mayWrite || isMilestone === true}
              />
            </Form.Item>
          </Col>
          <Col xs={12} sm={6}>
            <Form.Item name="bufferDays" label={t('tasks.bufferDays')} tooltip={t('tasks.bufferHint')}>
              <InputNumber
                min={0}
                max={365}
                precision={0}
                style={{ width: '100%' }}
                suffix={t('tasks.daysUnit')}
              />
            </Form.Item>
          </Col>
        </Row>
        <Form.Item name="labels" label={t('tasks.labels')}>
          <Select
            mode="tags"
            options={labelOptions}
            placeholder={t('tasks.labelsPlaceholder')}
            maxCount={20}
          />
        </Form.Item>
        <Form.Item label={t('tasks.requiredSkills')} tooltip={t('tasks.requiredSkillsHint')}>
          <Form.List name="requiredSkills">
            {(fields, { add, remove }) => (
              <Flex vertical gap={8}>
                {fields.map((field) => (
                  <Flex key={field.key} gap={8} align="center">
                    <Form.Item
                      name={[field.name, 'skill']}
                      noStyle
                      rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
                    >
                      <Input
                        placeholder={t('people.skillPlaceholder')}
                        maxLength={50}
                        style={{ width: 220 }}
                      />
                    </Form.Item>
                    <Form.Item name={[field.name, 'minLevel']} noStyle>
                      <Rate count={5} />
                    </Form.Item>
                    {mayWrite ? (
                      <Button
                        type="text"
                        icon={<MinusCircleOutlined />}
                        aria-label={t('actions.remove')}
                        onClick={() => remove(field.name)}
                      />
                    ) : null}
                  </Flex>
                ))}
                {mayWrite ? (
                  <Button
                    type="dashed"
                    icon={<PlusOutlined />}
                    onClick={() => add({ skill: '', minLevel: 3 })}
                    style={{ alignSelf: 'flex-start' }}
                  >
                    {t('tasks.addSkill')}
                  </Button>
                ) : null}
              </Flex>
            )}
          </Form.List>
        </Form.Item>
        {mayWrite ? (
          <Flex justify="flex-end" gap={8}>
            <Button onClick={() => form.setFieldsValue(valuesOf(task))}>{t('actions.cancel')}</Button>
            <Button type="primary" htmlType="submit" loading={update.isPending} data-testid="task-save">
              {t('actions.save')}
            </Button>
          </Flex>
        ) : null}
      </Form>
    </>
  );
}
