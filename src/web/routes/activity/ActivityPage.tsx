import { useMemo } from 'react';
import { Avatar, Button, Card, Empty, Flex, List, Select, Skeleton, Tag, Typography } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import dayjs from 'dayjs';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useFormatters } from '../../components/useFormatters.ts';
import { ActivitySentence, usePeopleNames } from '../../features/audit/ActivitySentence.tsx';
import { useActivityFeed, type ActivityFilters, type ActivityItem } from '../../features/activity/hooks.ts';
import { useMembers } from '../../features/members/hooks.ts';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';
import {
  describeComment,
  FEED_KINDS,
  FEED_OBJECT_TYPES,
  objectTypeLabel,
  type FeedKind,
  type FeedObjectType,
} from '../../../core/activity/index.ts';

const AVATAR_COLORS = ['#1677ff', '#13a8a8', '#722ed1', '#eb2f96', '#fa8c16', '#52c41a', '#2f54eb'];

function avatarColor(id: string): string {
  let hash = 0;
  for (const char of id) hash = (hash * 31 + char.charCodeAt(0)) >>> 0;
  return AVATAR_COLORS[hash % AVATAR_COLORS.length] ?? AVATAR_COLORS[0] ?? '#1677ff';
}

const isKind = (value: string | null): value is FeedKind =>
  value !== null && (FEED_KINDS as readonly string[]).includes(value);
const isObjectType = (value: string | null): value is FeedObjectType =>
  value !== null && (FEED_OBJECT_TYPES as readonly string[]).includes(value);

/**
 * The workspace's activity for every member: who commented on or changed what, as sentences, grouped by day,
 * filtered by person, kind and object type (kept in the address, so a filtered feed can be shared).
 */
export function ActivityPage() {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  const { workspace } = useWorkspaceScope();
  const [params, setParams] = useSearchParams();
  const members = useMembers(workspace.id);
  const filters: ActivityFilters = useMemo(() => {
    const kind = params.get('kind');
    const objectType = params.get('object');
    return {
      actorId: params.get('person') ?? undefined,
      kind: isKind(kind) ? kind : undefined,
      objectType: isObjectType(objectType) ? objectType : undefined,
    };
  }, [params]);
  const feed = useActivityFeed(workspace.id, filters);
  const items = feed.data?.pages.flatMap((page) => page.items) ?? [];
  const hasFilters = Object.values(filters).some((value) => value !== undefined);

  const setFilter = (name: 'person' | 'kind' | 'object', value: string | undefined) =>
    setParams(
      (previous) => {
        const next = new URLSearchParams(previous);
        if (value) next.set(name, value);
        else next.delete(name);
        return next;
      },
      { replace: true },
    );

  return (
    <>
      <PageHeader title={t('activity.title')} description={t('activity.description')} />
      <Card>
        <Flex gap={12} wrap style={{ marginBottom: 16 }} data-testid="activity-filters">
          <Select
            allowClear
            showSearch={{ optionFilterProp: 'label' }}
            placeholder={t('activity.filterPerson')}
            aria-label={t('activity.filterPerson')}
            style={{ width: 180, maxWidth: '100%' }}
            value={filters.actorId}
            data-testid="activity-person"
            options={(members.data ?? []).map((member) => ({ value: member.userId, label: member.name }))}
            onChange={(value: string | undefined) => setFilter('person', value)}
          />
          <Select
            allowClear
            placeholder={t('activity.filterKind')}
            aria-label={t('activity.filterKind')}
            style={{ width: 140, maxWidth: '100%' }}
            value={filters.kind}
            data-testid="activity-kind"
            options={FEED_KINDS.map((kind) => ({ value: kind, label: t(`activity.kinds.${kind}`) }))}
            onChange={(value: string | undefined) => setFilter('kind', value)}
          />
          <Select
            allowClear
            placeholder={t('activity.filterObject')}
            aria-label={t('activity.filterObject')}
            style={{ width: 160, maxWidth: '100%' }}
            value={filters.objectType}
            data-testid="activity-object"
            options={FEED_OBJECT_TYPES.map((type) => ({ value: type, label: objectTypeLabel(type, locale) }))}
            onChange={(value: string | undefined) => setFilter('object', value)}
          />
          {hasFilters ? (
            <Button type="link" onClick={() => setParams({}, { replace: true })}>
              {t('activity.clearFilters')}
            </Button>
          ) : null}
        </Flex>
        {feed.error ? (
          <QueryError error={feed.error} onRetry={() => void feed.refetch()} />
        ) : feed.isPending ? (
          <Skeleton active />
        ) : items.length === 0 ? (
          <Empty description={hasFilters ? t('activity.emptyFiltered') : t('activity.empty')} />
        ) : (
          <Feed items={items} />
        )}
        {feed.hasNextPage ? (
          <Flex justify="center" style={{ marginTop: 16 }}>
            <Button loading={feed.isFetchingNextPage} onClick={() => void feed.fetchNextPage()}>
              {t('activity.loadMore')}
            </Button>
          </Flex>
        ) : null}
      </Card>
    </>
  );
}

/** Entries under a heading per day: 今天, 昨天, then dates. */
function Feed({ items }: { items: ActivityItem[] }) {
  const { t } = useTranslation();
  const format = useFormatters();
  const groups = useMemo(() => {
    const today = dayjs().startOf('day');
    // Grouped by the day each entry happened (the demo writes back-dated comments after today's changes, so
    // the server's id order and the days can disagree); newest day first, newest entry first within it.
    const byDay = new Map<string, ActivityItem[]>();
    for (const item of items) {
      const key = dayjs(item.createdAt).format('YYYY-MM-DD');
      const group = byDay.get(key) ?? [];
      group.push(item);
      byDay.set(key, group);
    }
    return [...byDay.entries()]
      .sort(([a], [b]) => (a < b ? 1 : a > b ? -1 : 0))
      .map(([key, dayItems]) => {
        const day = dayjs(key);
        const label = day.isSame(today)
          ? t('activity.today')
          : day.isSame(today.subtract(1, 'day'))
            ? t('activity.yesterday')
            : format.day(key);
        return { key, label, items: [...dayItems].sort((a, b) => b.createdAt - a.createdAt) };
      });
  }, [items, t, format]);

  return (
    <Flex vertical gap={8} data-testid="activity-feed">
      {groups.map((group) => (
        <section key={group.key}>
          <Typography.Title level={5} style={{ margin: '8px 0 0' }} data-testid="activity-day">
            {group.label}
          </Typography.Title>
          <List
            dataSource={group.items}
            renderItem={(item) => <Entry item={item} />}
            rowKey={(item) => item.id}
          />
        </section>
      ))}
    </Flex>
  );
}

function Entry({ item }: { item: ActivityItem }) {
  const { t, i18n } = useTranslation();
  const locale = i18n.language === 'en' ? 'en' : 'zh-CN';
  const format = useFormatters();
  const { workspace } = useWorkspaceScope();
  const people = usePeopleNames(workspace.id);
  const person = item.comment ? item.comment.author : (item.change?.actor ?? null);
  const objectType = item.comment
    ? item.comment.target.type === 'key_result'
      ? 'goal'
      : item.comment.target.type
    : (item.change?.objectType ?? '');

  return (
    <List.Item style={{ paddingInline: 0 }} data-testid="activity-item" data-kind={item.kind}>
      <Flex gap={12} align="flex-start" style={{ width: '100%', minWidth: 0 }}>
        <Avatar
          size="small"
          style={{ backgroundColor: person ? avatarColor(person.id) : '#bfbfbf', flex: 'none', marginTop: 2 }}
        >
          {(person?.name ?? t('comments.system')).slice(0, 1).toUpperCase()}
        </Avatar>
        <Flex vertical gap={4} style={{ minWidth: 0, flex: 1 }}>
          {item.comment ? (
            <CommentSentence comment={item.comment} locale={locale} />
          ) : item.change ? (
            <ActivitySentence workspaceId={workspace.id} entry={item.change} people={people} />
          ) : null}
          {item.comment ? (
            <Typography
              className="markdown-body comment-body activity-comment"
              style={{ overflowWrap: 'anywhere' }}
            >
              <div dangerouslySetInnerHTML={{ __html: item.comment.html }} />
            </Typography>
          ) : null}
          <Flex gap={8} align="center" wrap>
            <Typography.Text
              type="secondary"
              style={{ fontSize: 12 }}
              title={format.dateTime(item.createdAt)}
            >
              {dayjs(item.createdAt).format('HH:mm')}
            </Typography.Text>
            {objectType ? (
              <Tag style={{ marginInlineEnd: 0 }}>{objectTypeLabel(objectType, locale)}</Tag>
            ) : null}
            {item.kind === 'comment' ? (
              <Tag color="blue" style={{ marginInlineEnd: 0 }}>
                {t('activity.commentTag')}
              </Tag>
            ) : null}
          </Flex>
        </Flex>
      </Flex>
    </List.Item>
  );
}

function CommentSentence({
  comment,
  locale,
}: {
  comment: NonNullable<ActivityItem['comment']>;
  locale: 'zh-CN' | 'en';
}) {
  const { t } = useTranslation();
  const parts = describeComment(
    {
      actorName: comment.author?.name ?? null,
      targetType: comment.target.type,
      targetTitle: comment.target.title ?? t('activity.deletedObject'),
    },
    locale,
  );
  return (
    <Typography.Text style={{ wordBreak: 'break-word' }} data-testid="activity-sentence">
      {parts.map((part, index) =>
        part.kind === 'actor' ? (
          <Typography.Text strong key={index}>
            {part.text}
          </Typography.Text>
        ) : part.kind === 'object' && comment.target.link ? (
          <Link key={index} to={comment.target.link}>
            {part.text}
          </Link>
        ) : (
          <span key={index}>{part.text}</span>
        ),
      )}
    </Typography.Text>
  );
}
