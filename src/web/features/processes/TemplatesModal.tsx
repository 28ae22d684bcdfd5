import { App, Button, Card, Flex, Modal, Spin, Tag, Typography } from 'antd';
import { FileAddOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { useCreateProcess, useProcessTemplates } from './hooks.ts';

/** The ready-made processes; picking one creates it and opens it. A blank process opens the designer. */
export function TemplatesModal({
  workspaceId,
  open,
  onClose,
}: {
  workspaceId: string;
  open: boolean;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const navigate = useNavigate();
  const templates = useProcessTemplates(workspaceId, open);
  const create = useCreateProcess(workspaceId);

  const pick = (templateKey: string) =>
    create.mutate(templateKey, {
      onSuccess: (process) => {
        void message.success(t('processes.created'));
        onClose();
        void navigate(`/w/${workspaceId}/processes/${process.id}`);
      },
    });

  return (
    <Modal
      open={open}
      title={t('processes.chooseTemplate')}
      onCancel={onClose}
      footer={null}
      width={720}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('processes.templateHint')}</Typography.Paragraph>
      <FormErrorAlert error={create.error} />
      <Card size="small" style={{ marginBottom: 12, borderStyle: 'dashed' }} data-testid="blank-process">
        <Flex justify="space-between" align="center" gap={16}>
          <Flex gap={12} align="center" style={{ minWidth: 0 }}>
            <FileAddOutlined style={{ fontSize: 22, color: '#2f54eb' }} />
            <Flex vertical gap={4} style={{ minWidth: 0 }}>
              <Typography.Text strong>{t('designer.blankTitle')}</Typography.Text>
              <Typography.Text type="secondary">{t('designer.blankDescription')}</Typography.Text>
            </Flex>
          </Flex>
          <Button
            disabled={create.isPending}
            onClick={() => {
              onClose();
              void navigate(`/w/${workspaceId}/processes/new`);
            }}
          >
            {t('designer.blankAction')}
          </Button>
        </Flex>
      </Card>
      {templates.isPending ? (
        <Flex justify="center" style={{ padding: 32 }}>
          <Spin />
        </Flex>
      ) : (
        <Flex vertical gap={12} data-testid="process-templates">
          {(templates.data ?? []).map((template) => (
            <Card key={template.key} size="small" data-testid={`template-${template.key}`}>
              <Flex justify="space-between" align="center" gap={16}>
                <Flex vertical gap={4} style={{ minWidth: 0 }}>
                  <Flex gap={8} align="center">
                    <Typography.Text strong>{template.name}</Typography.Text>
                    <Tag>{t('processes.stepCount', { count: template.steps.length })}</Tag>
                  </Flex>
                  <Typography.Text type="secondary">{template.description}</Typography.Text>
                </Flex>
                <Button
                  type="primary"
                  loading={create.isPending && create.variables === template.key}
                  disabled={create.isPending}
                  onClick={() => pick(template.key)}
                >
                  {t('processes.useTemplate')}
                </Button>
              </Flex>
            </Card>
          ))}
        </Flex>
      )}
    </Modal>
  );
}
