import { useState } from 'react';
import { App, DatePicker, Form, Input, InputNumber, Modal, Select } from 'antd';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import { applyFieldErrors } from '../../components/formErrors.ts';
import { GoalSearchSelect } from '../goals/GoalSearchSelect.tsx';
import { useTaskList } from '../tasks/hooks.ts';
import { useWorkspaceScope } from '../workspaces/WorkspaceContext.ts';
import {
  OBSERVATION_CATEGORIES,
  useCreateCompetitor,
  useCreateObservation,
  useCreateTaskFromObservation,
  useUpdateCompetitor,
  useUpdateObservation,
  type Competitor,
  type Observation,
  type ObservationCategory,
  type Swot,
} from './hooks.ts';

const SWOT_KEYS = ['strengths', 'weaknesses', 'opportunities', 'threats'] as const;

/** Add a competitor, or edit its name, website and description. */
export function CompetitorModal({
  open,
  competitor,
  onClose,
}: {
  open: boolean;
  competitor?: Competitor;
  onClose: (created?: Competitor) => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { workspace } = useWorkspaceScope();
  const create = useCreateCompetitor(workspace.id);
  const update = useUpdateCompetitor(workspace.id);
  const [form] = Form.useForm<{ name: string; website?: string; description?: string }>();
  const onError = (error: unknown) => {
    if (!applyFieldErrors(form, error)) void message.error(errorMessage(error));
  };
  return (
    <Modal
      title={competitor ? t('competitors.edit') : t('competitors.addTitle')}
      open={open}
      onCancel={() => onClose()}
      onOk={() => form.submit()}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          name: competitor?.name ?? '',
          website: competitor?.website ?? '',
          description: competitor?.description ?? '',
        }}
        onFinish={(values) => {
          const body = {
            name: values.name,
            website: values.website?.trim() ? values.website.trim() : null,
            description: values.description ?? '',
          };
          if (competitor) {
            update.mutate({ competitorId: competitor.id, body }, { onSuccess: () => onClose(), onError });
          } else {
            create.mutate(body, { onSuccess: (result) => onClose(result.competitor), onError });
          }
        }}
      >
        <Form.Item name="name" label={t('competitors.name')} rules={[{ required: true, max: 120 }]}>
          <Input maxLength={120} />
        </Form.Item>
        <Form.Item name="website" label={t('competitors.website')} extra={t('competitors.sourceHelp')}>
          <Input inputMode="url" placeholder="https://" maxLength={2000} />
        </Form.Item>
        <Form.Item name="description" label={t('competitors.descriptionLabel')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** The four quadrants as text areas, one point a line. */
export function SwotModal({
  open,
  competitor,
  onClose,
}: {
  open: boolean;
  competitor: Competitor;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { workspace } = useWorkspaceScope();
  const update = useUpdateCompetitor(workspace.id);
  const [form] = Form.useForm<Record<keyof Swot, string>>();
  return (
    <Modal
      title={t('competitors.swot.editTitle')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={update.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={Object.fromEntries(SWOT_KEYS.map((key) => [key, competitor.swot[key].join('\n')]))}
        onFinish={(values) => {
          const swot = Object.fromEntries(
            SWOT_KEYS.map((key) => [
              key,
              (values[key] ?? '')
                .split('\n')
                .map((line) => line.trim())
                .filter((line) => line !== ''),
            ]),
          ) as Swot;
          update.mutate(
            { competitorId: competitor.id, body: { swot } },
            {
              onSuccess: onClose,
              onError: (error) => {
                if (!applyFieldErrors(form, error, (path) => path.replace(/^swot\.(\w+)\.\d+$/, '$1')))
                  void message.error(errorMessage(error));
              },
            },
          );
        }}
      >
        {SWOT_KEYS.map((key) => (
          <Form.Item
            key={key}
            name={key}
            label={t(`competitors.swot.${key}`)}
            extra={t('competitors.swot.perLine')}
          >
            <Input.TextArea autoSize={{ minRows: 2, maxRows: 8 }} />
          </Form.Item>
        ))}
      </Form>
    </Modal>
  );
}

type ObservationValues = {
  observedOn: Dayjs;
  category: ObservationCategory;
  title: string;
  note?: string;
  sourceUrl?: string;
  price?: number | null;
  goalId?: string | null;
  taskId?: string | null;
};

/** Record an observation, or edit one (its goal and task links included). */
export function ObservationModal({
  open,
  competitorId,
  observation,
  onClose,
}: {
  open: boolean;
  competitorId: string;
  observation: Observation | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { workspace } = useWorkspaceScope();
  const create = useCreateObservation(workspace.id);
  const update = useUpdateObservation(workspace.id);
  const [form] = Form.useForm<ObservationValues>();
  const category = Form.useWatch('category', form);
  const [taskSearch, setTaskSearch] = useState('');
  const tasks = useTaskList(workspace.id, taskSearch ? { search: taskSearch } : {}, 20, open);
  const taskOptions = [
    ...(observation?.task ? [{ value: observation.task.id, label: observation.task.title }] : []),
    ...(tasks.data?.pages.flatMap((page) => page.items) ?? [])
      .filter((task) => task.id !== observation?.task?.id)
      .map((task) => ({ value: task.id, label: task.title })),
  ];
  return (
    <Modal
      title={observation ? t('competitors.editObservation') : t('competitors.observeTitle')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending || update.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          observedOn: observation ? dayjs(observation.observedOn) : dayjs(),
          category: observation?.category ?? 'pricing',
          title: observation?.title ?? '',
          note: observation?.note ?? '',
          sourceUrl: observation?.sourceUrl ?? '',
          price: observation?.price ?? null,
          goalId: observation?.goal?.id ?? null,
          taskId: observation?.task?.id ?? null,
        }}
        onFinish={(values) => {
          const body = {
            observedOn: values.observedOn.format('YYYY-MM-DD'),
            category: values.category,
            title: values.title,
            note: values.note ?? '',
            sourceUrl: values.sourceUrl?.trim() ? values.sourceUrl.trim() : null,
            price: values.category === 'pricing' ? (values.price ?? null) : null,
            goalId: values.goalId ?? null,
            taskId: values.taskId ?? null,
          };
          const onError = (error: unknown) => {
            if (!applyFieldErrors(form, error)) void message.error(errorMessage(error));
          };
          if (observation) {
            update.mutate(
              { competitorId, observationId: observation.id, body },
              { onSuccess: onClose, onError },
            );
          } else {
            create.mutate({ competitorId, body }, { onSuccess: onClose, onError });
          }
        }}
      >
        <Form.Item name="observedOn" label={t('competitors.observedOn')} rules={[{ required: true }]}>
          <DatePicker style={{ width: '100%' }} allowClear={false} />
        </Form.Item>
        <Form.Item name="category" label={t('competitors.categoryFilter')} rules={[{ required: true }]}>
          <Select
            options={OBSERVATION_CATEGORIES.map((value) => ({
              value,
              label: t(`competitors.category.${value}`),
            }))}
          />
        </Form.Item>
        <Form.Item
          name="title"
          label={t('competitors.observationTitle')}
          rules={[{ required: true, max: 300 }]}
        >
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="note" label={t('competitors.note')}>
          <Input.TextArea autoSize={{ minRows: 2, maxRows: 6 }} maxLength={4000} />
        </Form.Item>
        <Form.Item name="sourceUrl" label={t('competitors.source')} extra={t('competitors.sourceHelp')}>
          <Input inputMode="url" placeholder="https://" maxLength={2000} />
        </Form.Item>
        {category === 'pricing' ? (
          <Form.Item name="price" label={t('competitors.price')}>
            <InputNumber min={0} style={{ width: '100%' }} />
          </Form.Item>
        ) : null}
        <Form.Item name="goalId" label={t('competitors.goal')}>
          <GoalSearchSelect workspaceId={workspace.id} allowClear placeholder={t('competitors.noGoal')} />
        </Form.Item>
        <Form.Item name="taskId" label={t('competitors.task')}>
          <Select
            allowClear
            showSearch
            filterOption={false}
            onSearch={setTaskSearch}
            placeholder={t('competitors.searchTask')}
            options={taskOptions}
            loading={tasks.isFetching}
          />
        </Form.Item>
      </Form>
    </Modal>
  );
}

/** Turn an observation into a task (linked back to it), under its goal unless another is chosen. */
export function ObservationTaskModal({
  open,
  observation,
  onClose,
}: {
  open: boolean;
  observation: Observation;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { workspace } = useWorkspaceScope();
  const create = useCreateTaskFromObservation(workspace.id);
  const [form] = Form.useForm<{ title: string; dueDate?: Dayjs | null; goalId?: string | null }>();
  return (
    <Modal
      title={t('competitors.createTaskTitle')}
      open={open}
      onCancel={onClose}
      onOk={() => form.submit()}
      confirmLoading={create.isPending}
      destroyOnHidden
    >
      <Form
        form={form}
        layout="vertical"
        preserve={false}
        initialValues={{
          title: observation.title,
          dueDate: dayjs().add(7, 'day'),
          goalId: observation.goal?.id ?? null,
        }}
        onFinish={(values) =>
          create.mutate(
            {
              competitorId: observation.competitorId,
              observationId: observation.id,
              body: {
                title: values.title,
                ...(values.dueDate ? { dueDate: values.dueDate.format('YYYY-MM-DD') } : {}),
                ...(values.goalId ? { goalId: values.goalId } : {}),
              },
            },
            {
              onSuccess: () => {
                void message.success(t('competitors.taskCreated'));
                onClose();
              },
              onError: (error) => {
                if (!applyFieldErrors(form, error)) void message.error(errorMessage(error));
              },
            },
          )
        }
      >
        <Form.Item name="title" label={t('competitors.taskTitle')} rules={[{ required: true, max: 300 }]}>
          <Input maxLength={300} />
        </Form.Item>
        <Form.Item name="dueDate" label={t('competitors.taskDue')}>
          <DatePicker style={{ width: '100%' }} />
        </Form.Item>
        <Form.Item name="goalId" label={t('competitors.goal')}>
          <GoalSearchSelect workspaceId={workspace.id} allowClear placeholder={t('competitors.noGoal')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
