import { useEffect, useMemo, useState } from 'react';
import { Alert, App, Button, Flex, Table, Tooltip, Typography, type TableColumnsType } from 'antd';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../../api/client.ts';
import { useMembers } from '../members/hooks.ts';
import { RACI_ROLES, useSetRoles, type RaciRole, type RoleAssignment, type TaskDetail } from './hooks.ts';
import { PersonAvatar } from './TaskBadges.tsx';
import { cellOf, raciGaps, withCellMovingAccountable, type RaciCell } from './taskUtils.ts';

export const ROLE_COLORS: Record<RaciRole, string> = {
  R: '#2f54eb',
  A: '#cf1322',
  C: '#d48806',
  I: '#8c8c8c',
};

/** The cell a person gets when one role is clicked: A and R combine, anything else replaces. */
export function toggledCell(current: RaciCell | null, role: RaciRole): RaciCell | null {
  if (current === 'AR') return role === 'A' ? 'R' : role === 'R' ? 'A' : role;
  if (current === role) return null;
  if ((current === 'A' && role === 'R') || (current === 'R' && role === 'A')) return 'AR';
  return role;
}

function sameRoles(a: readonly RoleAssignment[], b: readonly RoleAssignment[]): boolean {
  const key = (list: readonly RoleAssignment[]) =>
    list
      .map((role) => `${role.userId}:${role.role}`)
      .sort()
      .join('|');
  return key(a) === key(b);
}

/** People × R/A/C/I for one task, edited as a draft and saved as the whole list. */
export function RaciEditor({
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
  const members = useMembers(workspaceId);
  const setRoles = useSetRoles(workspaceId);
  const saved = useMemo<RoleAssignment[]>(
    () => detail.task.roles.map((role) => ({ userId: role.userId, role: role.role })),
    [detail.task.roles],
  );
  const [draft, setDraft] = useState<RoleAssignment[]>(saved);
  const { reset } = setRoles;
  useEffect(() => {
    setDraft(saved);
    reset();
  }, [saved, reset]);

  const gaps = raciGaps(draft);
  const isDirty = !sameRoles(draft, saved);
  type Row = { userId: string; name: string; title: string | null };
  const rows: Row[] = (members.data ?? []).map((member) => ({
    userId: member.userId,
    name: member.name,
    title: member.title,
  }));

  const columns: TableColumnsType<Row> = [
    {
      title: t('raci.person'),
      key: 'person',
      render: (_, person) => (
        <Flex gap={8} align="center">
          <PersonAvatar userId={person.userId} name={person.name} size={22} />
          <Flex vertical gap={0}>
            <span>{person.name}</span>
            {person.title ? (
              <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                {person.title}
              </Typography.Text>
            ) : null}
          </Flex>
        </Flex>
      ),
    },
    ...RACI_ROLES.map((role) => ({
      title: (
        <Tooltip title={t(`raci.roleHints.${role}`)}>
          <span>{t(`raci.roleNames.${role}`)}</span>
        </Tooltip>
      ),
      key: role,
      width: 72,
      align: 'center' as const,
      render: (_: unknown, person: Row) => {
        const cell = cellOf(draft, person.userId);
        const isOn = cell === role || (cell === 'AR' && (role === 'A' || role === 'R'));
        return (
          <button
            type="button"
            disabled={!mayWrite}
            aria-pressed={isOn}
            aria-label={`${person.name} ${t(`raci.roleNames.${role}`)}`}
            data-testid={`raci-toggle-${person.userId}-${role}`}
            onClick={() => {
              setDraft(withCellMovingAccountable(draft, person.userId, toggledCell(cell, role)));
              reset();
            }}
            style={{
              width: 30,
              height: 26,
              borderRadius: 6,
              border: `1px solid ${isOn ? ROLE_COLORS[role] : '#d9d9d9'}`,
              background: isOn ? ROLE_COLORS[role] : '#fff',
              color: isOn ? '#fff' : '#8c8c8c',
              fontWeight: 600,
              cursor: mayWrite ? 'pointer' : 'default',
            }}
          >
            {role}
          </button>
        );
      },
    })),
  ];

  const save = () =>
    setRoles.mutate(
      { taskId: detail.task.id, roles: draft },
      { onSuccess: () => void message.success(t('raci.saved')) },
    );

  return (
    <Flex vertical gap={12} data-testid="raci-editor">
      <Typography.Text type="secondary" style={{ fontSize: 13 }}>
        {t('raci.ruleHint')}
      </Typography.Text>
      <Table<Row>
        size="small"
        rowKey="userId"
        columns={columns}
        dataSource={rows}
        loading={members.isPending}
        pagination={false}
      />
      {/* One banner: the server's answer when there is one, else what the draft still lacks. */}
      {setRoles.error ? (
        <Alert type="error" showIcon title={errorMessage(setRoles.error)} data-testid="raci-error" />
      ) : gaps.accountable !== 1 ? (
        <Alert
          type="warning"
          showIcon
          title={gaps.accountable === 0 ? t('raci.needA') : t('raci.oneA')}
          data-testid="raci-gap-warning"
        />
      ) : !gaps.hasResponsible ? (
        <Alert type="info" showIcon title={t('raci.needR')} data-testid="raci-gap-warning" />
      ) : null}
      {mayWrite ? (
        <Flex gap={8} justify="flex-end">
          <Button
            disabled={!isDirty}
            onClick={() => {
              setDraft(saved);
              reset();
            }}
          >
            {t('raci.undo')}
          </Button>
          <Button
            type="primary"
            disabled={!isDirty || gaps.accountable > 1}
            loading={setRoles.isPending}
            onClick={save}
            data-testid="raci-save"
          >
            {t('raci.save')}
          </Button>
        </Flex>
      ) : null}
    </Flex>
  );
}
