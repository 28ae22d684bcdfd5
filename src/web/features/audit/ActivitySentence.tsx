import { useMemo } from 'react';
import { Flex, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { describeActivity } from '../../../core/activity/index.ts';
import type { components } from '../../api/schema.ts';
import { useMembers } from '../members/hooks.ts';

export type AuditEntry = components['schemas']['AuditEntry'];

/** Where a logged object is seen; null for objects without a page of their own. */
export function objectPath(base: string, entry: AuditEntry): string | null {
  if (!entry.object.exists) return null;
  switch (entry.objectType) {
    case 'task':
      return `${base}/tasks?task=${encodeURIComponent(entry.objectId)}`;
    case 'goal':
      return `${base}/goals/${entry.objectId}`;
    case 'kpi':
      return entry.object.key ? `${base}/kpis/${encodeURIComponent(entry.object.key)}` : null;
    case 'routine':
      return `${base}/routines`;
    case 'process':
      return `${base}/processes/${entry.objectId}`;
    case 'run':
      return `${base}/runs/${entry.objectId}`;
    case 'member':
    case 'invitation':
      return `${base}/members`;
    case 'meeting':
      return `${base}/meetings/${entry.objectId}`;
    case 'meeting_series':
      return `${base}/meetings`;
    case 'retro':
      return `${base}/retros/${entry.objectId}`;
    case 'feedback':
      return `${base}/feedback/${entry.objectId}`;
    case 'feedback_cluster':
      return `${base}/feedback/clusters`;
    case 'survey':
      return `${base}/surveys/${entry.objectId}`;
    case 'competitor':
      return `${base}/competitors/${entry.objectId}`;
    case 'training_course':
    case 'training_session':
      return `${base}/skills`;
    case 'review_template':
      return `${base}/reviews`;
    case 'review_cycle':
      return `${base}/reviews/${entry.objectId}`;
    case 'review_participant':
      return `${base}/reviews/people/${entry.objectId}`;
    case 'review':
      return `${base}/reviews/r/${entry.objectId}`;
    case 'workspace':
      return `${base}/settings`;
    default:
      return null;
  }
}

/** The people of the workspace by id, for entries that name them by id (RACI changes, owners). */
export function usePeopleNames(workspaceId: string): ReadonlyMap<string, string> {
  const members = useMembers(workspaceId);
  return useMemo(
    () => new Map((members.data ?? []).map((member) => [member.userId, member.name])),
    [members.data],
  );
}

/**
 * One audit entry as a sentence in the reader's language, its object linked, and what changed below it:
 * "王磊 创建了例行任务「周五增长例会与复盘」，每周五".
 */
export function ActivitySentence({
  workspaceId,
  entry,
  people,
  showDetails = true,
}: {
  workspaceId: string;
  entry: AuditEntry;
  people: ReadonlyMap<string, string>;
  showDetails?: boolean;
}) {
  const { i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  const { parts, details } = describeActivity(
    {
      action: entry.action,
      objectType: entry.objectType,
      objectId: entry.objectId,
      actorName: entry.actor?.name ?? null,
      objectTitle: entry.object.title,
      changes: entry.changes,
    },
    locale,
    people,
  );
  const path = objectPath(`/w/${workspaceId}`, entry);
  return (
    <Flex vertical gap={2} style={{ minWidth: 0 }} data-testid="activity-entry">
      <Typography.Text style={{ wordBreak: 'break-word' }} data-testid="activity-sentence">
        {parts.map((part, index) =>
          part.kind === 'actor' ? (
            <Typography.Text strong key={index}>
              {part.text}
            </Typography.Text>
          ) : part.kind === 'object' && path ? (
            <Link key={index} to={path}>
              {part.text}
            </Link>
          ) : (
            <span key={index}>{part.text}</span>
          ),
        )}
      </Typography.Text>
      {showDetails && details.length > 0 ? (
        <Typography.Text type="secondary" style={{ fontSize: 12, wordBreak: 'break-word' }}>
          {details.join(locale === 'en' ? ' · ' : '；')}
        </Typography.Text>
      ) : null}
    </Flex>
  );
}
