import { useMemo, useRef, useState } from 'react';
import { App, Button, Card, Col, Empty, Flex, Popconfirm, Row, Tag, Timeline, Typography } from 'antd';
import { DeleteOutlined, EditOutlined, LinkOutlined, PlusOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { Link, useSearchParams } from 'react-router';
import { errorMessage } from '../../api/client.ts';
import { PageHeader } from '../../components/PageHeader.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useIsCompact } from '../../components/responsive.ts';
import { useFormatters } from '../../components/useFormatters.ts';
import {
  CompetitorModal,
  ObservationModal,
  ObservationTaskModal,
  SwotModal,
} from '../../features/competitors/forms.tsx';
import {
  OBSERVATION_CATEGORIES,
  useCompetitors,
  useDeleteCompetitor,
  useDeleteObservation,
  useObservations,
  type Competitor,
  type Observation,
  type ObservationCategory,
} from '../../features/competitors/hooks.ts';
import { SwotGrid } from '../../features/competitors/SwotGrid.tsx';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';

export const CATEGORY_COLORS: Record<ObservationCategory, string> = {
  pricing: 'volcano',
  feature: 'geekblue',
  campaign: 'magenta',
  channel: 'cyan',
  other: 'default',
};

function isCategory(value: string | null): value is ObservationCategory {
  return value !== null && (OBSERVATION_CATEGORIES as readonly string[]).includes(value);
}

/** Competitor tracking (市场调研): competitors with their latest moves, a timeline and a SWOT per competitor. */
export function CompetitorsPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { workspace, can } = useWorkspaceScope();
  const [params, setParams] = useSearchParams();
  const categoryParam = params.get('category');
  const category = isCategory(categoryParam) ? categoryParam : undefined;
  const competitors = useCompetitors(workspace.id, category);
  const list = useMemo(() => competitors.data ?? [], [competitors.data]);
  const selected = list.find((competitor) => competitor.id === params.get('competitor')) ?? list[0];
  const [isAdding, setAdding] = useState(false);
  const canWrite = can('feedback.write');
  const isCompact = useIsCompact();
  const detailRef = useRef<HTMLDivElement>(null);

  const setParam = (key: string, value: string | undefined) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value) next.set(key, value);
        else next.delete(key);
        return next;
      },
      { replace: true },
    );

  return (
    <>
      <PageHeader
        title={t('competitors.title')}
        description={t('competitors.description')}
        extra={
          canWrite ? (
            <Button type="primary" icon={<PlusOutlined />} onClick={() => setAdding(true)}>
              {t('competitors.add')}
            </Button>
          ) : null
        }
      />
      {competitors.error ? (
        <QueryError error={competitors.error} onRetry={() => void competitors.refetch()} />
      ) : null}
      <Flex
        gap={6}
        wrap
        align="center"
        style={{ marginBottom: 16 }}
        role="group"
        aria-label={t('competitors.categoryFilter')}
      >
        <Typography.Text type="secondary">{t('competitors.categoryFilter')}</Typography.Text>
        <Tag.CheckableTag checked={!category} onChange={() => setParam('category', undefined)}>
          {t('competitors.allCategories')}
        </Tag.CheckableTag>
        {OBSERVATION_CATEGORIES.map((value) => (
          <Tag.CheckableTag
            key={value}
            checked={category === value}
            onChange={(checked) => setParam('category', checked ? value : undefined)}
          >
            {t(`competitors.category.${value}`)}
          </Tag.CheckableTag>
        ))}
      </Flex>
      {!competitors.isLoading && list.length === 0 ? (
        <Card>
          <Empty description={t('competitors.empty')} />
        </Card>
      ) : (
        <Row gutter={[16, 16]}>
          <Col xs={24} lg={9}>
            <Flex vertical gap={12}>
              {list.map((competitor) => (
                <CompetitorCard
                  key={competitor.id}
                  competitor={competitor}
                  isSelected={competitor.id === selected?.id}
                  onSelect={() => {
                    setParam('competitor', competitor.id);
                    // On a phone the timeline is below the list: bring it into view.
                    if (isCompact) detailRef.current?.scrollIntoView({ behavior: 'smooth', block: 'start' });
                  }}
                />
              ))}
            </Flex>
          </Col>
          <Col xs={24} lg={15} ref={detailRef}>
            {selected ? (
              <CompetitorDetail
                key={selected.id}
                competitor={selected}
                category={category}
                onDeleted={() => {
                  setParam('competitor', undefined);
                  void message.success(t('competitors.saved'));
                }}
              />
            ) : null}
          </Col>
        </Row>
      )}
      <CompetitorModal
        open={isAdding}
        onClose={(created) => {
          setAdding(false);
          if (created) setParam('competitor', created.id);
        }}
      />
    </>
  );
}

function CategoryTag({ category }: { category: ObservationCategory }) {
  const { t } = useTranslation();
  return <Tag color={CATEGORY_COLORS[category]}>{t(`competitors.category.${category}`)}</Tag>;
}

function CompetitorCard({
  competitor,
  isSelected,
  onSelect,
}: {
  competitor: Competitor;
  isSelected: boolean;
  onSelect: () => void;
}) {
  const { t } = useTranslation();
  const format = useFormatters();
  return (
    <Card
      size="small"
      hoverable
      onClick={onSelect}
      style={isSelected ? { borderColor: 'var(--ant-color-primary, #1677ff)' } : undefined}
      data-testid="competitor-card"
      aria-current={isSelected ? 'true' : undefined}
      title={<span style={{ whiteSpace: 'normal', overflowWrap: 'anywhere' }}>{competitor.name}</span>}
      extra={
        <Typography.Text type="secondary">
          {t('competitors.observationsCount', { count: competitor.observations })}
        </Typography.Text>
      }
    >
      <Flex gap={4} wrap style={{ marginBottom: competitor.latest.length > 0 ? 8 : 0 }}>
        {OBSERVATION_CATEGORIES.filter((category) => (competitor.categories[category] ?? 0) > 0).map(
          (category) => (
            <Tag key={category} color={CATEGORY_COLORS[category]} bordered={false}>
              {t(`competitors.category.${category}`)} {competitor.categories[category]}
            </Tag>
          ),
        )}
      </Flex>
      {competitor.latest.map((observation) => (
        <div key={observation.id} style={{ overflowWrap: 'anywhere' }}>
          <Typography.Text type="secondary">{format.shortDay(observation.observedOn)}</Typography.Text>{' '}
          {observation.title}
        </div>
      ))}
    </Card>
  );
}

function CompetitorDetail({
  competitor,
  category,
  onDeleted,
}: {
  competitor: Competitor;
  category: ObservationCategory | undefined;
  onDeleted: () => void;
}) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { workspace, can } = useWorkspaceScope();
  const observations = useObservations(workspace.id, competitor.id, category);
  const remove = useDeleteCompetitor(workspace.id);
  const [isEditing, setEditing] = useState(false);
  const [isEditingSwot, setEditingSwot] = useState(false);
  const [observationForm, setObservationForm] = useState<Observation | 'new' | null>(null);
  const canWrite = can('feedback.write');

  return (
    <Flex vertical gap={16}>
      <Card
        title={<span style={{ whiteSpace: 'normal', overflowWrap: 'anywhere' }}>{competitor.name}</span>}
        extra={
          canWrite ? (
            <Flex gap={4} wrap justify="flex-end">
              <Button
                size="small"
                icon={<EditOutlined />}
                onClick={() => setEditing(true)}
                aria-label={t('competitors.edit')}
              />
              <Popconfirm
                title={t('competitors.deleteConfirm')}
                onConfirm={() =>
                  remove.mutate(competitor.id, {
                    onSuccess: onDeleted,
                    onError: (error) => void message.error(errorMessage(error)),
                  })
                }
              >
                <Button size="small" danger icon={<DeleteOutlined />} aria-label={t('competitors.delete')} />
              </Popconfirm>
            </Flex>
          ) : null
        }
      >
        {competitor.website ? (
          <Typography.Link href={competitor.website} target="_blank" rel="noopener noreferrer">
            <LinkOutlined /> {competitor.website}
          </Typography.Link>
        ) : null}
        {competitor.description ? (
          <Typography.Paragraph style={{ marginTop: 8, marginBottom: 0, whiteSpace: 'pre-wrap' }}>
            {competitor.description}
          </Typography.Paragraph>
        ) : null}
      </Card>

      <Card
        title={t('competitors.swot.title')}
        extra={
          canWrite ? (
            <Button size="small" icon={<EditOutlined />} onClick={() => setEditingSwot(true)}>
              {t('competitors.swot.edit')}
            </Button>
          ) : null
        }
      >
        <SwotGrid swot={competitor.swot} />
      </Card>

      <Card
        title={t('competitors.timeline')}
        extra={
          canWrite ? (
            <Button
              size="small"
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => setObservationForm('new')}
            >
              {t('competitors.observe')}
            </Button>
          ) : null
        }
      >
        {observations.error ? (
          <QueryError error={observations.error} onRetry={() => void observations.refetch()} />
        ) : null}
        {observations.data && observations.data.length === 0 ? (
          <Empty description={category ? t('competitors.emptyCategory') : t('competitors.empty')} />
        ) : (
          <Timeline
            items={(observations.data ?? []).map((observation) => ({
              key: observation.id,
              color: CATEGORY_COLORS[observation.category] === 'default' ? 'gray' : 'blue',
              children: (
                <ObservationEntry observation={observation} onEdit={() => setObservationForm(observation)} />
              ),
            }))}
          />
        )}
      </Card>

      <CompetitorModal open={isEditing} competitor={competitor} onClose={() => setEditing(false)} />
      <SwotModal open={isEditingSwot} competitor={competitor} onClose={() => setEditingSwot(false)} />
      <ObservationModal
        open={observationForm !== null}
        competitorId={competitor.id}
        observation={observationForm === 'new' ? null : observationForm}
        onClose={() => setObservationForm(null)}
      />
    </Flex>
  );
}

function ObservationEntry({ observation, onEdit }: { observation: Observation; onEdit: () => void }) {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const format = useFormatters();
  const { workspace, can } = useWorkspaceScope();
  const remove = useDeleteObservation(workspace.id);
  const [isMakingTask, setMakingTask] = useState(false);
  const base = `/w/${workspace.id}`;
  return (
    <div data-testid="observation" style={{ overflowWrap: 'anywhere' }}>
      <Flex gap={6} wrap align="center">
        <Typography.Text type="secondary">{format.day(observation.observedOn)}</Typography.Text>
        <CategoryTag category={observation.category} />
        {observation.price !== null ? (
          <Typography.Text type="secondary">
            {t('competitors.price')} {format.number(observation.price)}
          </Typography.Text>
        ) : null}
      </Flex>
      <Typography.Text strong>{observation.title}</Typography.Text>
      {observation.note ? (
        <Typography.Paragraph style={{ whiteSpace: 'pre-wrap', margin: '4px 0' }}>
          {observation.note}
        </Typography.Paragraph>
      ) : null}
      <Flex gap={8} wrap align="center" style={{ marginTop: 4 }}>
        {observation.sourceUrl ? (
          <Typography.Link href={observation.sourceUrl} target="_blank" rel="noopener noreferrer">
            <LinkOutlined /> {t('competitors.openSource')}
          </Typography.Link>
        ) : null}
        {observation.goal ? (
          <Link to={`${base}/goals/${observation.goal.id}`}>
            {t('competitors.linkedGoal', { title: observation.goal.title })}
          </Link>
        ) : null}
        {observation.task ? (
          <Link to={`${base}/tasks?task=${observation.task.id}`}>
            {t('competitors.linkedTask', { title: observation.task.title })}
          </Link>
        ) : null}
      </Flex>
      {can('feedback.write') ? (
        <Flex gap={4} wrap style={{ marginTop: 6 }}>
          {!observation.task && can('tasks.write') ? (
            <Button size="small" onClick={() => setMakingTask(true)}>
              {t('competitors.createTask')}
            </Button>
          ) : null}
          <Button size="small" icon={<EditOutlined />} onClick={onEdit}>
            {t('competitors.editObservation')}
          </Button>
          <Popconfirm
            title={t('competitors.deleteObservationConfirm')}
            onConfirm={() =>
              remove.mutate(
                { competitorId: observation.competitorId, observationId: observation.id },
                { onError: (error) => void message.error(errorMessage(error)) },
              )
            }
          >
            <Button
              size="small"
              danger
              icon={<DeleteOutlined />}
              aria-label={t('competitors.deleteObservation')}
            />
          </Popconfirm>
        </Flex>
      ) : null}
      <ObservationTaskModal
        open={isMakingTask}
        observation={observation}
        onClose={() => setMakingTask(false)}
      />
    </div>
  );
}
