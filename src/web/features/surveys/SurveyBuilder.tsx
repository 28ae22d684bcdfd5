import { useState } from 'react';
import { Alert, App, Button, Card, Checkbox, Flex, Input, Select, Space, Typography } from 'antd';
import { ArrowDownOutlined, ArrowUpOutlined, DeleteOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../api/client.ts';
import { useUpdateSurvey, type Survey, type SurveyQuestion } from './hooks.ts';
import { newKey } from './template.ts';

type Choice = { id: string; label: string };
const TYPES = ['single', 'multiple', 'rating', 'nps', 'text', 'matrix'] as const;

/** The answers a skip rule can name for an earlier question: its options, or its scores. */
function ruleValues(question: SurveyQuestion | undefined): { value: string; label: string }[] {
  if (!question) return [];
  if (question.type === 'nps')
    return Array.from({ length: 11 }, (_, n) => ({ value: String(n), label: String(n) }));
  if (question.type === 'rating') return [1, 2, 3, 4, 5].map((n) => ({ value: String(n), label: String(n) }));
  return (question.options ?? []).map((option) => ({ value: option.id, label: option.label }));
}

function ChoiceList({
  label,
  addLabel,
  items,
  onChange,
  disabled,
}: {
  label: string;
  addLabel: string;
  items: Choice[];
  onChange: (items: Choice[]) => void;
  disabled: boolean;
}) {
  const { t } = useTranslation();
  return (
    <Flex vertical gap={6}>
      <Typography.Text type="secondary">{label}</Typography.Text>
      {items.map((item, index) => (
        <Space.Compact key={item.id} style={{ width: '100%' }}>
          <Input
            value={item.label}
            disabled={disabled}
            maxLength={200}
            placeholder={t('surveys.optionPlaceholder', { number: index + 1 })}
            onChange={(event) =>
              onChange(
                items.map((entry) =>
                  entry.id === item.id ? { ...entry, label: event.target.value } : entry,
                ),
              )
            }
          />
          <Button
            icon={<DeleteOutlined />}
            disabled={disabled}
            aria-label={t('actions.remove')}
            onClick={() => onChange(items.filter((entry) => entry.id !== item.id))}
          />
        </Space.Compact>
      ))}
      <Button
        type="dashed"
        size="small"
        icon={<PlusOutlined />}
        disabled={disabled}
        onClick={() => onChange([...items, { id: newKey('o'), label: '' }])}
        style={{ alignSelf: 'flex-start' }}
      >
        {addLabel}
      </Button>
    </Flex>
  );
}

/** The question editor: types, options, sections and skip rules; saved as one list. */
export function SurveyBuilder({
  workspaceId,
  survey,
  mayWrite,
}: {
  workspaceId: string;
  survey: Survey;
  mayWrite: boolean;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const update = useUpdateSurvey(workspaceId, survey.id);
  const [questions, setQuestions] = useState<SurveyQuestion[]>(survey.questions);
  const [problems, setProblems] = useState<string[]>([]);
  const disabled = !mayWrite;

  const change = (index: number, changes: Partial<SurveyQuestion>) =>
    setQuestions((list) =>
      list.map((question, at) => (at === index ? { ...question, ...changes } : question)),
    );
  const move = (index: number, by: number) =>
    setQuestions((list) => {
      const next = [...list];
      const [moved] = next.splice(index, 1);
      if (moved) next.splice(index + by, 0, moved);
      return next;
    });

  const save = () => {
    setProblems([]);
    const cleaned = questions.map((question) => ({
      ...question,
      ...(question.section ? {} : { section: undefined }),
      ...(question.type === 'single' || question.type === 'multiple' || question.type === 'matrix'
        ? {}
        : { options: undefined }),
      ...(question.type === 'matrix' ? {} : { rows: undefined }),
    }));
    update.mutate(
      { questions: cleaned },
      {
        onSuccess: () => void message.success(t('surveys.saved')),
        onError: (error) => {
          if (error instanceof ApiError && error.fields.length > 0) {
            setProblems(
              error.fields.map((field) => {
                const match = /^questions\.(\d+)/.exec(field.path);
                return match ? `#${Number(match[1]) + 1} ${field.message}` : field.message;
              }),
            );
          } else void message.error(errorMessage(error));
        },
      },
    );
  };

  return (
    <Flex vertical gap={12}>
      {problems.length > 0 ? (
        <Alert type="error" showIcon message={errorMessage(update.error)} description={problems.join('\n')} />
      ) : null}
      {questions.map((question, index) => {
        const earlier = questions.slice(0, index);
        const target = earlier.find((entry) => entry.id === question.showIf?.questionId);
        return (
          <Card
            key={question.id}
            size="small"
            data-testid="survey-question"
            title={`#${index + 1}`}
            extra={
              <Space size={4}>
                <Button
                  size="small"
                  icon={<ArrowUpOutlined />}
                  aria-label={t('surveys.moveUp')}
                  disabled={disabled || index === 0}
                  onClick={() => move(index, -1)}
                />
                <Button
                  size="small"
                  icon={<ArrowDownOutlined />}
                  aria-label={t('surveys.moveDown')}
                  disabled={disabled || index === questions.length - 1}
                  onClick={() => move(index, 1)}
                />
                <Button
                  size="small"
                  danger
                  icon={<DeleteOutlined />}
                  aria-label={t('surveys.removeQuestion')}
                  disabled={disabled}
                  onClick={() => setQuestions((list) => list.filter((_, at) => at !== index))}
                />
              </Space>
            }
          >
            <Flex vertical gap={10}>
              <Flex gap={8} wrap>
                <Select
                  value={question.type}
                  disabled={disabled}
                  aria-label={t('surveys.questionType')}
                  style={{ width: 160 }}
                  options={TYPES.map((type) => ({ value: type, label: t(`surveys.types.${type}`) }))}
                  onChange={(type) =>
                    change(index, {
                      type,
                      ...((type === 'single' || type === 'multiple' || type === 'matrix') &&
                      (question.options ?? []).length === 0
                        ? {
                            options: [
                              { id: newKey('o'), label: '' },
                              { id: newKey('o'), label: '' },
                            ],
                          }
                        : {}),
                      ...(type === 'matrix' && (question.rows ?? []).length === 0
                        ? { rows: [{ id: newKey('r'), label: '' }] }
                        : {}),
                    })
                  }
                />
                <Checkbox
                  checked={question.required ?? false}
                  disabled={disabled}
                  onChange={(event) => change(index, { required: event.target.checked })}
                >
                  {t('surveys.required')}
                </Checkbox>
              </Flex>
              <Input.TextArea
                value={question.title}
                disabled={disabled}
                autoSize
                maxLength={500}
                placeholder={t('surveys.questionTitle')}
                aria-label={t('surveys.questionTitle')}
                onChange={(event) => change(index, { title: event.target.value })}
              />
              <Input
                value={question.section ?? ''}
                disabled={disabled}
                maxLength={120}
                placeholder={t('surveys.section')}
                aria-label={t('surveys.section')}
                onChange={(event) => change(index, { section: event.target.value })}
              />
              {question.type === 'single' || question.type === 'multiple' || question.type === 'matrix' ? (
                <ChoiceList
                  label={question.type === 'matrix' ? t('surveys.columnsLabel') : t('surveys.options')}
                  addLabel={t('surveys.addOption')}
                  items={question.options ?? []}
                  disabled={disabled}
                  onChange={(options) => change(index, { options })}
                />
              ) : null}
              {question.type === 'matrix' ? (
                <ChoiceList
                  label={t('surveys.rowsLabel')}
                  addLabel={t('surveys.addRow')}
                  items={question.rows ?? []}
                  disabled={disabled}
                  onChange={(rows) => change(index, { rows })}
                />
              ) : null}
              {index > 0 ? (
                <Flex gap={8} wrap align="center">
                  <Typography.Text type="secondary">{t('surveys.showIf')}</Typography.Text>
                  <Select
                    value={question.showIf?.questionId ?? ''}
                    disabled={disabled}
                    style={{ minWidth: 160, maxWidth: '100%' }}
                    aria-label={t('surveys.showIfQuestion')}
                    options={[
                      { value: '', label: t('surveys.showIfAlways') },
                      ...earlier.map((entry, at) => ({
                        value: entry.id,
                        label: `${t('surveys.showIfQuestion')} #${at + 1}`,
                      })),
                    ]}
                    onChange={(questionId: string) =>
                      change(index, { showIf: questionId ? { questionId, values: [] } : undefined })
                    }
                  />
                  {question.showIf ? (
                    <>
                      <Typography.Text type="secondary">{t('surveys.showIfValues')}</Typography.Text>
                      <Select
                        mode="multiple"
                        value={question.showIf.values}
                        disabled={disabled}
                        style={{ minWidth: 200, maxWidth: '100%' }}
                        options={ruleValues(target)}
                        onChange={(values: string[]) =>
                          change(index, {
                            showIf: { questionId: question.showIf?.questionId ?? '', values },
                          })
                        }
                      />
                    </>
                  ) : null}
                </Flex>
              ) : null}
            </Flex>
          </Card>
        );
      })}
      {mayWrite ? (
        <Flex gap={8} wrap>
          <Button
            icon={<PlusOutlined />}
            onClick={() =>
              setQuestions((list) => [...list, { id: newKey('q'), type: 'text', title: '', required: false }])
            }
          >
            {t('surveys.addQuestion')}
          </Button>
          <Button type="primary" loading={update.isPending} onClick={save}>
            {t('surveys.save')}
          </Button>
        </Flex>
      ) : null}
    </Flex>
  );
}
