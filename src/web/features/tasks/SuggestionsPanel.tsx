import { Alert, Button, Empty, Flex, List, Progress, Spin, Tag, Typography } from 'antd';
import { CheckCircleFilled, ExclamationCircleFilled } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import { useFormatters } from '../../components/useFormatters.ts';
import { useSetRoles, useSuggestions, type TaskDetail } from './hooks.ts';
import { PersonAvatar } from './TaskBadges.tsx';
import { cellOf, withCell } from './taskUtils.ts';

/** People ranked for this task by skills and free hours, with the reasons; one click makes them Responsible. */
export function SuggestionsPanel({
  workspaceId,
  detail,
  mayWrite,
}: {
  workspaceId: string;
  detail: TaskDetail;
  mayWrite: boolean;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  const suggestions = useSuggestions(workspaceId, detail.task.id, true);
  const setRoles = useSetRoles(workspaceId);
  const roles = detail.task.roles;

  if (suggestions.isPending) return <Spin />;
  if (suggestions.error) return <Alert type="error" showIcon title={errorMessage(suggestions.error)} />;
  const items = suggestions.data;
  const best = Math.max(1, ...items.map((item) => item.score));

  return (
    <Flex vertical gap={8} data-testid="suggestions">
      {setRoles.error ? <Alert type="error" showIcon title={errorMessage(setRoles.error)} /> : null}
      {items.length === 0 ? (
        <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('suggestions.empty')} />
      ) : (
        <List
          size="small"
          dataSource={items}
          renderItem={(item, index) => {
            const cell = cellOf(roles, item.userId);
            const isResponsible = cell === 'R' || cell === 'AR';
            return (
              <List.Item
                actions={
                  mayWrite
                    ? [
                        isResponsible ? (
                          <Tag key="r" color="blue">
                            {t('suggestions.isResponsible')}
                          </Tag>
                        ) : (
                          <Button
                            key="assign"
                            size="small"
                            loading={setRoles.isPending && setRoles.variables?.taskId === detail.task.id}
                            onClick={() =>
                              setRoles.mutate({
                                taskId: detail.task.id,
                                roles: withCell(roles, item.userId, cell === 'A' ? 'AR' : 'R'),
                              })
                            }
                          >
                            {t('suggestions.assign')}
                          </Button>
                        ),
                      ]
                    : []
                }
              >
                <Flex gap={10} align="flex-start" style={{ width: '100%' }}>
                  <Typography.Text type="secondary" style={{ width: 16, paddingTop: 2 }}>
                    {index + 1}
                  </Typography.Text>
                  <PersonAvatar userId={item.userId} name={item.name} />
                  <Flex vertical gap={2} style={{ flex: 1, minWidth: 0 }}>
                    <Flex gap={8} align="center" wrap>
                      <Typography.Text strong>{item.name}</Typography.Text>
                      {item.meetsSkills ? (
                        <Tag icon={<CheckCircleFilled />} color="success" style={{ marginInlineEnd: 0 }}>
                          {t('suggestions.meetsSkills')}
                        </Tag>
                      ) : (
                        <Tag
                          icon={<ExclamationCircleFilled />}
                          color="warning"
                          style={{ marginInlineEnd: 0 }}
                        >
                          {t('suggestions.missingSkills')}
                        </Tag>
                      )}
                      <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                        {t('suggestions.freeHours', { hours: format.number(item.freeHours, 1) })}
                      </Typography.Text>
                    </Flex>
                    <Progress
                      percent={Math.round((item.score / best) * 100)}
                      size="small"
                      showInfo={false}
                      style={{ margin: 0, maxWidth: 220 }}
                    />
                    {item.reasons.map((reason) => (
                      <Typography.Text key={reason} type="secondary" style={{ fontSize: 12 }}>
                        · {reason}
                      </Typography.Text>
                    ))}
                  </Flex>
                </Flex>
              </List.Item>
            );
          }}
        />
      )}
    </Flex>
  );
}
