import { useEffect } from 'react';
import { App, Button, DatePicker, Flex, Form, Input, Modal, Rate, Typography } from 'antd';
import { MinusCircleOutlined, PlusOutlined } from '@ant-design/icons';
import dayjs, { type Dayjs } from 'dayjs';
import { useTranslation } from 'react-i18next';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { applyFieldErrors } from '../../components/formErrors.ts';
import { useUpdatePerson, type Person } from './hooks.ts';

type Values = { skills: Array<{ skill: string; level: number }>; unavailableDays: Dayjs[] };

/** A member's skills (levels 1–5) and days away; capacity lives with the member settings. */
export function EditPersonModal({
  workspaceId,
  person,
  onClose,
}: {
  workspaceId: string;
  person: Person | null;
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const [form] = Form.useForm<Values>();
  const update = useUpdatePerson(workspaceId);
  const { reset } = update;

  useEffect(() => {
    if (!person) return;
    reset();
    form.setFieldsValue({
      skills: person.skills.map((skill) => ({ ...skill })),
      unavailableDays: person.unavailableDays.map((day) => dayjs(day)),
    });
  }, [person, form, reset]);

  const submit = (values: Values) => {
    if (!person) return;
    update.mutate(
      {
        userId: person.userId,
        changes: {
          skills: (values.skills ?? [])
            .filter((skill) => skill?.skill?.trim())
            .map((skill) => ({ skill: skill.skill.trim(), level: skill.level || 1 })),
          unavailableDays: [
            ...new Set((values.unavailableDays ?? []).map((day) => day.format('YYYY-MM-DD'))),
          ].sort(),
        },
      },
      {
        onSuccess: () => {
          void message.success(t('people.saved', { name: person.name }));
          onClose();
        },
        onError: (error) => applyFieldErrors(form, error),
      },
    );
  };

  return (
    <Modal
      open={person !== null}
      title={person ? t('people.editTitle', { name: person.name }) : ''}
      onCancel={onClose}
      onOk={() => form.submit()}
      okText={t('actions.save')}
      confirmLoading={update.isPending}
      destroyOnHidden
      forceRender
      width={560}
    >
      <FormErrorAlert error={update.error} />
      <Form form={form} layout="vertical" onFinish={submit} name="person">
        <Form.Item label={t('people.skills')} extra={t('people.skillsHint')}>
          <Form.List name="skills">
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
                    <Form.Item name={[field.name, 'level']} noStyle>
                      <Rate count={5} />
                    </Form.Item>
                    <Button
                      type="text"
                      icon={<MinusCircleOutlined />}
                      aria-label={t('actions.remove')}
                      onClick={() => remove(field.name)}
                    />
                  </Flex>
                ))}
                <Button
                  type="dashed"
                  icon={<PlusOutlined />}
                  onClick={() => add({ skill: '', level: 3 })}
                  style={{ alignSelf: 'flex-start' }}
                >
                  {t('people.addSkill')}
                </Button>
              </Flex>
            )}
          </Form.List>
        </Form.Item>
        <Form.Item name="unavailableDays" label={t('people.daysAway')} extra={t('people.daysAwayHint')}>
          <DatePicker multiple style={{ width: '100%' }} maxTagCount="responsive" />
        </Form.Item>
        <Typography.Text type="secondary" style={{ fontSize: 12 }}>
          {t('people.capacityElsewhere')}
        </Typography.Text>
      </Form>
    </Modal>
  );
}
