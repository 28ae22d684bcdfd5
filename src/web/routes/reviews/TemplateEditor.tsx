import { useMemo, useState } from 'react';
import { Alert, App, Flex, Form, Input, List, Modal, Select, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import { FormErrorAlert } from '../../components/FormErrorAlert.tsx';
import { applyFieldErrors } from '../../components/formErrors.ts';
import {
  useCreateTemplate,
  useReviewTemplates,
  type TemplateDefinition,
} from '../../features/reviews/hooks.ts';
import { useSkillsMatrix } from '../../features/skills/hooks.ts';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';

type Values = { base: string; name: string; skills: Record<string, string | undefined> };

/** The skill already on each rating question of a definition, by question id. */
function skillsOf(definition: TemplateDefinition | undefined): Record<string, string | undefined> {
  const skills: Record<string, string | undefined> = {};
  for (const section of definition?.sections ?? [])
    for (const question of section.questions)
      if (question.type === 'rating' && question.skill) skills[question.id] = question.skill;
  return skills;
}

/**
 * A template made from a ready-made or saved one, its rating questions tagged with the workspace's skills. Ready-
 * made templates are the same for every workspace while skills are each workspace's own, so the lead tags them
 * here rather than the templates coming tagged.
 */
export function TemplateEditorModal({ onClose }: { onClose: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { workspace } = useWorkspaceScope();
  const templates = useReviewTemplates(workspace.id);
  const matrix = useSkillsMatrix(workspace.id);
  const create = useCreateTemplate(workspace.id);
  const [form] = Form.useForm<Values>();
  const [base, setBase] = useState('builtin:kpi_ops');

  const choices = useMemo(
    () => [
      ...(templates.data?.builtin ?? []).map((b) => ({
        value: `builtin:${b.key}`,
        label: b.name,
        definition: b.definition,
      })),
      ...(templates.data?.items ?? []).map((o) => ({
        value: `own:${o.id}`,
        label: o.name,
        definition: o.definition,
      })),
    ],
    [templates.data],
  );
  const chosen = choices.find((choice) => choice.value === base);
  const skills = matrix.data?.skills ?? [];
  const skillOptions = skills.map((skill) => ({ value: skill, label: skill }));

  const pick = (value: string) => {
    setBase(value);
    const next = choices.find((choice) => choice.value === value);
    form.setFieldsValue({
      name: next ? t('reviews.templateEditor.nameSuffix', { name: next.label }) : '',
      skills: skillsOf(next?.definition),
    });
  };

  const submit = (values: Values) => {
    if (!chosen) return;
    const tags = values.skills ?? {};
    const definition: TemplateDefinition = {
      ...chosen.definition,
      sections: chosen.definition.sections.map((section) => ({
        ...section,
        questions: section.questions.map((question) =>
          question.type === 'rating' ? { ...question, skill: tags[question.id] ?? null } : question,
        ),
      })),
    };
    const builtinKey = chosen.value.startsWith('builtin:')
      ? (chosen.value.slice('builtin:'.length) as 'kpi_ops' | 'okr')
      : undefined;
    create.mutate(
      { name: values.name.trim(), definition, ...(builtinKey ? { builtinKey } : {}) },
      {
        onSuccess: (data) => {
          void message.success(t('reviews.templateEditor.saved', { name: data.template.name }));
          onClose();
        },
        onError: (error) => {
          // `definition.sections.0.questions.1.skill` → the picker of that question.
          const applied = applyFieldErrors(form, error, (path) => {
            const match = /^definition\.sections\.(\d+)\.questions\.(\d+)\.skill$/.exec(path);
            const question = match
              ? definition.sections[Number(match[1])]?.questions[Number(match[2])]
              : undefined;
            return question ? `skills.${question.id}` : path;
          });
          if (!applied) void message.error(errorMessage(error));
        },
      },
    );
  };

  return (
    <Modal
      open
      title={t('reviews.templateEditor.title')}
      onCancel={onClose}
      okText={t('reviews.templateEditor.save')}
      okButtonProps={{ loading: create.isPending, id: 'save-template', disabled: !chosen }}
      onOk={() => form.submit()}
      width={720}
      destroyOnHidden
    >
      <Typography.Paragraph type="secondary">{t('reviews.templateEditor.hint')}</Typography.Paragraph>
      {matrix.data && skills.length === 0 ? (
        <Alert
          type="info"
          showIcon
          style={{ marginBottom: 12 }}
          title={t('reviews.templateEditor.noSkills')}
        />
      ) : null}
      {templates.data ? (
        <Form<Values>
          form={form}
          name="templateEditor"
          layout="vertical"
          initialValues={{
            base,
            name: chosen ? t('reviews.templateEditor.nameSuffix', { name: chosen.label }) : '',
            skills: skillsOf(chosen?.definition),
          }}
          onFinish={submit}
        >
          <FormErrorAlert error={create.error} />
          <Form.Item name="base" label={t('reviews.templateEditor.base')}>
            <Select
              aria-label={t('reviews.templateEditor.base')}
              options={choices.map(({ value, label }) => ({ value, label }))}
              onChange={pick}
              loading={templates.isLoading}
            />
          </Form.Item>
          <Form.Item
            name="name"
            label={t('reviews.templateEditor.name')}
            rules={[{ required: true, whitespace: true, message: t('validation.required') }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          {(chosen?.definition.sections ?? []).map((section) => (
            <List
              key={section.id}
              size="small"
              bordered
              style={{ marginBottom: 12 }}
              header={
                <Flex gap={8} align="center" wrap>
                  <Typography.Text strong>{section.title}</Typography.Text>
                  <Tag>{t('reviews.templateEditor.weight', { weight: section.weight })}</Tag>
                </Flex>
              }
              dataSource={section.questions}
              renderItem={(question) => (
                <List.Item data-testid={`template-question-${question.id}`}>
                  <Flex wrap gap={8} align="center" style={{ width: '100%' }}>
                    <Typography.Text style={{ flex: '1 1 220px', minWidth: 0, overflowWrap: 'anywhere' }}>
                      {question.text}
                    </Typography.Text>
                    {question.type === 'rating' ? (
                      <Form.Item
                        name={['skills', question.id]}
                        style={{ margin: 0, flex: '0 1 200px', minWidth: 160 }}
                      >
                        <Select
                          allowClear
                          showSearch
                          size="small"
                          placeholder={t('reviews.templateEditor.noSkill')}
                          aria-label={`${t('reviews.templateEditor.skill')} · ${question.text}`}
                          options={skillOptions}
                          disabled={skills.length === 0}
                        />
                      </Form.Item>
                    ) : (
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('reviews.templateEditor.notRated')}
                      </Typography.Text>
                    )}
                  </Flex>
                </List.Item>
              )}
            />
          ))}
        </Form>
      ) : null}
    </Modal>
  );
}
