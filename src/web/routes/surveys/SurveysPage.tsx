import { useState } from 'react';
import { App, Button, Card, Empty, Form, Input, Modal, Radio, Table, Tag, type TableColumnsType } from 'antd';
import { PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useNavigate } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { applyFieldErrors } from '../../components/formErrors.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { FROM_TABLET } from '../../components/responsive.ts';
import { useFormatters } from '../../components/useFormatters.ts';
import { useCreateSurvey, useSurveys, type Survey } from '../../features/surveys/hooks.ts';
import { npsTemplate } from '../../features/surveys/template.ts';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';

export const STATUS_COLORS = { draft: 'default', open: 'green', closed: 'blue' } as const;

export function SurveysPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormatters();
  const navigate = useNavigate();
  const { workspace, can } = useWorkspaceScope();
  const surveys = useSurveys(workspace.id);
  const create = useCreateSurvey(workspace.id);
  const [isCreating, setCreating] = useState(false);
  const [form] = Form.useForm<{ title: string; template: 'nps' | 'blank' }>();

  const columns: TableColumnsType<Survey> = [
    {
      title: t('surveys.columns.title'),
      dataIndex: 'title',
      render: (title: string, survey) => <Link to={`/w/${workspace.id}/surveys/${survey.id}`}>{title}</Link>,
    },
    {
      title: t('surveys.columns.status'),
      dataIndex: 'status',
      width: 110,
      render: (status: Survey['status']) => (
        <Tag color={STATUS_COLORS[status]}>{t(`surveys.status.${status}`)}</Tag>
      ),
    },
    {
      title: t('surveys.columns.responses'),
      dataIndex: 'responses',
      width: 110,
      responsive: FROM_TABLET,
    },
    {
      title: t('surveys.columns.nps'),
      dataIndex: 'nps',
      width: 90,
      render: (nps: number | null) => (nps === null ? '—' : nps),
    },
    {
      title: t('surveys.columns.updated'),
      dataIndex: 'updatedAt',
      width: 180,
      responsive: FROM_TABLET,
      render: (value: number) => format.dateTime(value),
    },
  ];

  return (
    <>
      <PageHeader
        title={t('surveys.title')}
        description={t('surveys.description')}
        extra={
          can('feedback.write') ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setCreating(true)}>
              {t('surveys.create')}
            </Button>
          ) : null
        }
      />
      {surveys.error ? <QueryError error={surveys.error} onRetry={() => void surveys.refetch()} /> : null}
      <Card>
        <Table
          rowKey="id"
          columns={columns}
          dataSource={surveys.data ?? []}
          loading={surveys.isLoading}
          pagination={false}
          locale={{ emptyText: <Empty description={t('surveys.empty')} /> }}
        />
      </Card>
      <Modal
        title={t('surveys.createTitle')}
        open={isCreating}
        onCancel={() => setCreating(false)}
        onOk={() => form.submit()}
        confirmLoading={create.isPending}
        destroyOnHidden
      >
        <Form
          form={form}
          layout="vertical"
          initialValues={{ template: 'nps', title: t('surveys.npsTemplate.title') }}
          onFinish={(values) =>
            create.mutate(
              {
                title: values.title,
                questions: values.template === 'nps' ? npsTemplate(t) : [],
              },
              {
                onSuccess: ({ survey }) => {
                  setCreating(false);
                  void navigate(`/w/${workspace.id}/surveys/${survey.id}`);
                },
                onError: (error) => {
                  if (!applyFieldErrors(form, error)) void message.error(errorMessage(error));
                },
              },
            )
          }
        >
          <Form.Item name="title" label={t('surveys.fieldTitle')} rules={[{ required: true, max: 200 }]}>
            <Input maxLength={200} />
          </Form.Item>
          <Form.Item name="template" label={t('surveys.template')}>
            <Radio.Group
              options={[
                { value: 'nps', label: t('surveys.templateNps') },
                { value: 'blank', label: t('surveys.templateBlank') },
              ]}
              style={{ display: 'flex', flexDirection: 'column', gap: 8 }}
            />
          </Form.Item>
        </Form>
      </Modal>
    </>
  );
}
