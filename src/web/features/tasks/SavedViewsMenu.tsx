import { useState } from 'react';
import { App, Button, Dropdown, Flex, Form, Input, Modal, Typography, type MenuProps } from 'antd';
import { DeleteOutlined, DownOutlined, FilterOutlined, SaveOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { useDeleteView, useSaveView, useSavedViews, type SavedView } from './savedViews.ts';
import { filtersFromView, sameTaskFilters, type TaskFilters } from './taskFilters.ts';

/**
 * "Views": my saved filter sets for the task list and board. Applying one puts its filters in the address;
 * saving stores the filters the address holds now.
 */
export function SavedViewsMenu({
  workspaceId,
  filters,
  setFilters,
}: {
  workspaceId: string;
  filters: TaskFilters;
  setFilters: (changes: Partial<TaskFilters>) => void;
}) {
  const { t } = useTranslation();
  const { modal, message } = App.useApp();
  const views = useSavedViews(workspaceId);
  const remove = useDeleteView(workspaceId);
  const [isSaving, setSaving] = useState(false);

  const items = views.data ?? [];
  const current = items.find((view) => sameTaskFilters(filtersFromView(view.query), filters)) ?? null;

  const confirmDelete = (view: SavedView) =>
    modal.confirm({
      title: t('savedViews.deleteConfirm', { name: view.name }),
      okText: t('actions.remove'),
      okButtonProps: { danger: true },
      cancelText: t('actions.cancel'),
      onOk: () =>
        remove.mutateAsync(view.id).then(
          () => void message.success(t('savedViews.deleted')),
          (error: unknown) => void message.error(errorMessage(error)),
        ),
    });

  const menu: MenuProps = {
    selectable: true,
    selectedKeys: current ? [current.id] : [],
    items: [
      ...(items.length === 0
        ? [{ key: 'empty', disabled: true, label: t('savedViews.empty') }]
        : items.map((view) => ({
            key: view.id,
            label: (
              <Flex justify="space-between" align="center" gap={16} style={{ minWidth: 200 }}>
                <span data-testid="saved-view">{view.name}</span>
                <Button
                  type="text"
                  size="small"
                  icon={<DeleteOutlined />}
                  aria-label={t('savedViews.delete')}
                  title={t('savedViews.delete')}
                  data-testid="saved-view-delete"
                  onClick={(event) => {
                    event.stopPropagation();
                    confirmDelete(view);
                  }}
                />
              </Flex>
            ),
          }))),
      { type: 'divider' as const },
      {
        key: 'save',
        icon: <SaveOutlined />,
        label: <span data-testid="saved-view-save">{t('savedViews.saveAs')}</span>,
      },
    ],
    onClick: ({ key }) => {
      if (key === 'save') {
        setSaving(true);
        return;
      }
      const view = items.find((entry) => entry.id === key);
      if (view) setFilters(filtersFromView(view.query));
    },
  };

  return (
    <>
      <Dropdown menu={menu} trigger={['click']}>
        <Button icon={<FilterOutlined />} loading={views.isPending} data-testid="saved-views">
          <Typography.Text ellipsis style={{ maxWidth: 160, color: 'inherit' }}>
            {current ? t('savedViews.current', { name: current.name }) : t('savedViews.button')}
          </Typography.Text>
          <DownOutlined />
        </Button>
      </Dropdown>
      <SaveViewModal
        open={isSaving}
        workspaceId={workspaceId}
        filters={filters}
        onClose={() => setSaving(false)}
      />
    </>
  );
}

function SaveViewModal({
  open,
  workspaceId,
  filters,
  onClose,
}: {
  open: boolean;
  workspaceId: string;
  filters: TaskFilters;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<{ name: string }>();
  const save = useSaveView(workspaceId);

  const close = () => {
    save.reset();
    form.resetFields();
    onClose();
  };

  return (
    <Modal
      open={open}
      title={t('savedViews.saveTitle')}
      onCancel={close}
      footer={[
        <Button key="cancel" onClick={close}>
          {t('actions.cancel')}
        </Button>,
        <Button
          key="save"
          type="primary"
          loading={save.isPending}
          onClick={() => form.submit()}
          data-testid="saved-view-submit"
        >
          {t('actions.save')}
        </Button>,
      ]}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('savedViews.saveHint')}</Typography.Paragraph>
      <FormErrorAlert error={save.error} />
      <Form<{ name: string }>
        name="saveView"
        form={form}
        layout="vertical"
        initialValues={{ name: '' }}
        onFinish={(values) =>
          save.mutate(
            { name: values.name.trim(), filters },
            {
              onSuccess: ({ view }) => {
                void message.success(t('savedViews.saved', { name: view.name }));
                close();
              },
            },
          )
        }
      >
        <Form.Item
          name="name"
          label={t('savedViews.name')}
          rules={[{ required: true, whitespace: true, message: t('savedViews.nameRequired') }]}
          style={{ marginBottom: 0 }}
        >
          <Input maxLength={60} autoFocus placeholder={t('savedViews.namePlaceholder')} />
        </Form.Item>
      </Form>
    </Modal>
  );
}
