import { Alert, Table, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { ApiError, errorMessage } from '../../api/client.ts';

export type PlanProblem = { key: string; at: string | null; field: string; message: string };

/** The server's `plan_invalid` fields as rows: "12:5 message" becomes line:column, field and message. */
export function planProblems(error: unknown): PlanProblem[] {
  if (!(error instanceof ApiError)) return [];
  return error.fields.map((field, index) => {
    const match = /^(\d+:\d+) (.*)$/s.exec(field.message);
    return {
      key: `${index}`,
      at: match?.[1] ?? null,
      field: field.path,
      message: match?.[2] ?? field.message,
    };
  });
}

/** Why a plan cannot be loaded: the translated message and, when the server named them, each place. */
export function PlanProblemsAlert({ error, title }: { error: unknown; title: string }) {
  const { t } = useTranslation();
  if (!error) return null;
  const problems = planProblems(error);
  return (
    <Alert
      type="error"
      showIcon
      title={title}
      style={{ marginBottom: 16 }}
      data-testid="plan-problems"
      description={
        <>
          <Typography.Paragraph style={{ marginBottom: problems.length > 0 ? 8 : 0 }}>
            {errorMessage(error)}
          </Typography.Paragraph>
          {problems.length > 0 ? (
            <Table<PlanProblem>
              size="small"
              rowKey="key"
              dataSource={problems}
              pagination={problems.length > 10 ? { pageSize: 10, showSizeChanger: false } : false}
              scroll={{ x: 'max-content' }}
              data-testid="plan-problems-table"
              columns={[
                {
                  title: t('planYaml.at'),
                  key: 'at',
                  width: 90,
                  render: (_, problem) => (
                    <Typography.Text code data-testid="plan-problem-at">
                      {problem.at ?? '—'}
                    </Typography.Text>
                  ),
                },
                {
                  title: t('planYaml.field'),
                  key: 'field',
                  render: (_, problem) => <Typography.Text code>{problem.field || '—'}</Typography.Text>,
                },
                { title: t('planYaml.problem'), key: 'message', render: (_, problem) => problem.message },
              ]}
            />
          ) : null}
        </>
      }
    />
  );
}
