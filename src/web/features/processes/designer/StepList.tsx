import { useEffect, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { Badge, Button, Card, Empty, Flex, Popconfirm, Tag, Tooltip, Typography } from 'antd';
import {
  ArrowDownOutlined,
  ArrowUpOutlined,
  CheckSquareOutlined,
  ClockCircleOutlined,
  CopyOutlined,
  DeleteOutlined,
  FormOutlined,
  HolderOutlined,
  LinkOutlined,
  NodeIndexOutlined,
  UserOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { MAX_STEPS, type DesignerAction, type DraftStep, type OwnerCandidate } from './model.ts';

const KIND_COLORS: Record<DraftStep['kind'], string> = {
  start: 'green',
  task: 'blue',
  decision: 'orange',
  end: 'default',
};

const ACCENTS: Record<DraftStep['kind'], string> = {
  start: '#52c41a',
  task: '#2f54eb',
  decision: '#fa8c16',
  end: '#bfbfbf',
};

type Drag = { mode: 'move' | 'connect'; key: string };
type DropTarget = { key: string; place: 'before' | 'after' | 'on' };

const HIDDEN: React.CSSProperties = {
  position: 'absolute',
  width: 1,
  height: 1,
  overflow: 'hidden',
  clip: 'rect(0 0 0 0)',
  whiteSpace: 'nowrap',
};

/**
 * The steps in order, as cards to select, reorder, connect, duplicate and delete. Drag a card to reorder it;
 * drag its link handle onto another step to make its (first) outcome lead there. From the keyboard the list
 * is one tab stop: ↑/↓ (Home/End) choose a step, Alt+↑/↓ move it, C marks it to connect and Enter on another
 * step connects, Esc cancels; what happened is announced to screen readers.
 */
export function StepList({
  steps,
  selectedKey,
  issueCounts,
  candidates,
  dispatch,
}: {
  steps: readonly DraftStep[];
  selectedKey: string | null;
  issueCounts: ReadonlyMap<string, number>;
  candidates: readonly OwnerCandidate[];
  dispatch: (action: DesignerAction) => void;
}) {
  const { t } = useTranslation();
  const names = new Map(candidates.map((candidate) => [candidate.userId, candidate.name]));
  const cards = useRef(new Map<string, HTMLDivElement>());
  const [drag, setDragState] = useState<Drag | null>(null);
  // The drag handlers read the ref: dragover can fire before React has rendered the state set in dragstart.
  const dragging = useRef<Drag | null>(null);
  const setDrag = (next: Drag | null) => {
    dragging.current = next;
    setDragState(next);
  };
  const [dropTarget, setDropTarget] = useState<DropTarget | null>(null);
  const [connectFrom, setConnectFrom] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState('');
  // The delete button's tooltip would sit over the confirm's own buttons, so it hides while that is open.
  const [confirmingRemove, setConfirmingRemove] = useState(false);
  const focusAfterRender = useRef<string | null>(null);
  useEffect(() => {
    const key = focusAfterRender.current;
    if (key === null) return;
    focusAfterRender.current = null;
    cards.current.get(key)?.focus();
  });
  const nameOf = (key: string) => {
    const found = steps.find((candidate) => candidate.key === key);
    return found ? found.name.trim() || found.key : key;
  };
  const focusStep = (key: string) => {
    dispatch({ type: 'select', key });
    focusAfterRender.current = key;
    cards.current.get(key)?.focus();
  };
  const connect = (from: string, to: string) => {
    dispatch({ type: 'connect', key: from, next: to });
    setConnectFrom(null);
    setAnnouncement(t('designer.connected', { from: nameOf(from), to: nameOf(to) }));
  };
  const move = (key: string, index: number) => {
    dispatch({ type: 'moveStepTo', key, index });
    focusAfterRender.current = key;
    setAnnouncement(t('designer.moved', { name: nameOf(key), index: index + 1 }));
  };

  const onKeyDown = (event: KeyboardEvent<HTMLDivElement>, step: DraftStep, index: number) => {
    if (event.target !== event.currentTarget) return;
    const neighbour = (delta: number) => steps[Math.max(0, Math.min(steps.length - 1, index + delta))];
    const key = event.key;
    if ((key === 'ArrowUp' || key === 'ArrowDown') && event.altKey) {
      event.preventDefault();
      const target = index + (key === 'ArrowUp' ? -1 : 1);
      if (target >= 0 && target < steps.length) move(step.key, target);
    } else if (key === 'ArrowUp' || key === 'ArrowDown' || key === 'Home' || key === 'End') {
      event.preventDefault();
      const target =
        key === 'Home' ? steps[0] : key === 'End' ? steps.at(-1) : neighbour(key === 'ArrowUp' ? -1 : 1);
      if (target) focusStep(target.key);
    } else if ((key === 'c' || key === 'C') && !event.ctrlKey && !event.metaKey && !event.altKey) {
      event.preventDefault();
      if (step.kind === 'end' || step.outcomes.length === 0) return;
      setConnectFrom(step.key);
      setAnnouncement(t('designer.connecting', { name: nameOf(step.key) }));
    } else if (key === 'Escape' && connectFrom !== null) {
      event.preventDefault();
      setConnectFrom(null);
      setAnnouncement(t('designer.connectCancelled'));
    } else if (key === 'Enter' || key === ' ') {
      event.preventDefault();
      if (connectFrom !== null && connectFrom !== step.key) connect(connectFrom, step.key);
      else dispatch({ type: 'select', key: step.key });
    }
  };

  const onDragOver = (event: DragEvent<HTMLDivElement>, step: DraftStep) => {
    const drag = dragging.current;
    if (drag === null || drag.key === step.key) return;
    event.preventDefault();
    event.dataTransfer.dropEffect = drag.mode === 'move' ? 'move' : 'link';
    const box = event.currentTarget.getBoundingClientRect();
    const place =
      drag.mode === 'connect' ? 'on' : event.clientY < box.top + box.height / 2 ? 'before' : 'after';
    if (dropTarget?.key !== step.key || dropTarget.place !== place) setDropTarget({ key: step.key, place });
  };
  const onDrop = (event: DragEvent<HTMLDivElement>, step: DraftStep) => {
    event.preventDefault();
    const current = dragging.current;
    setDrag(null);
    setDropTarget(null);
    if (current === null || current.key === step.key) return;
    if (current.mode === 'connect') {
      connect(current.key, step.key);
      return;
    }
    const rest = steps.filter((candidate) => candidate.key !== current.key);
    const box = event.currentTarget.getBoundingClientRect();
    const isAfter = event.clientY >= box.top + box.height / 2;
    move(current.key, rest.findIndex((candidate) => candidate.key === step.key) + (isAfter ? 1 : 0));
  };
  const endDrag = () => {
    setDrag(null);
    setDropTarget(null);
  };

  const ownerText = (step: DraftStep) => {
    const { owner } = step;
    if (owner === null) return step.kind === 'start' ? t('processes.ownerNone') : null;
    if (owner.type === 'person') return names.get(owner.userId) ?? t('processes.ownerPerson');
    if (owner.type === 'role') return t('processes.ownerRole', { role: owner.role });
    return t('processes.ownerSkill', { skill: owner.skill });
  };

  if (steps.length === 0) return <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} />;

  const focusableKey = steps.some((step) => step.key === selectedKey) ? selectedKey : steps[0]?.key;
  const dropShadow = (key: string) => {
    if (dropTarget?.key !== key) return undefined;
    if (dropTarget.place === 'before') return 'inset 0 3px 0 #2f54eb';
    if (dropTarget.place === 'after') return 'inset 0 -3px 0 #2f54eb';
    return '0 0 0 2px #2f54eb';
  };

  return (
    <>
      <div aria-live="polite" style={HIDDEN} data-testid="designer-announcement">
        {announcement}
      </div>
      <Flex
        vertical
        gap={8}
        role="listbox"
        aria-label={t('designer.steps')}
        aria-describedby="designer-keys-hint"
        data-testid="designer-steps"
      >
        {steps.map((step, index) => {
          const isSelected = step.key === selectedKey;
          const issues = issueCounts.get(step.key) ?? 0;
          const owner = ownerText(step);
          const isConnectSource = connectFrom === step.key;
          return (
            <Card
              key={step.key}
              ref={(element: HTMLDivElement | null) => {
                if (element) cards.current.set(step.key, element);
                else cards.current.delete(step.key);
              }}
              className="designer-step"
              size="small"
              hoverable
              role="option"
              aria-selected={isSelected}
              aria-label={t('designer.stepAria', {
                index: index + 1,
                name: step.name.trim() || step.key,
                kind: t(`processes.kinds.${step.kind}`),
              })}
              tabIndex={step.key === focusableKey ? 0 : -1}
              onKeyDown={(event) => onKeyDown(event, step, index)}
              onClick={() => {
                if (connectFrom !== null && connectFrom !== step.key) connect(connectFrom, step.key);
                else dispatch({ type: 'select', key: step.key });
              }}
              draggable
              onDragStart={(event) => {
                event.dataTransfer.effectAllowed = 'move';
                event.dataTransfer.setData('text/plain', step.key);
                setDrag({ mode: 'move', key: step.key });
              }}
              onDragOver={(event) => onDragOver(event, step)}
              onDragLeave={() => setDropTarget((target) => (target?.key === step.key ? null : target))}
              onDrop={(event) => onDrop(event, step)}
              onDragEnd={endDrag}
              data-testid={`designer-step-${step.key}`}
              aria-current={isSelected ? 'step' : undefined}
              style={{
                borderInlineStart: `4px solid ${ACCENTS[step.kind]}`,
                borderColor: isSelected || isConnectSource ? '#2f54eb' : undefined,
                borderStyle: isConnectSource ? 'dashed' : undefined,
                background: isSelected ? '#f0f5ff' : undefined,
                boxShadow: dropShadow(step.key),
                opacity: drag?.key === step.key ? 0.5 : 1,
                cursor: 'pointer',
              }}
              styles={{ body: { padding: '8px 10px' } }}
            >
              <Flex vertical gap={4}>
                <Flex align="center" gap={6}>
                  <HolderOutlined aria-hidden style={{ color: '#bfbfbf', cursor: 'grab' }} />
                  <Typography.Text type="secondary" style={{ fontSize: 12, minWidth: 16 }}>
                    {index + 1}
                  </Typography.Text>
                  <Tag color={KIND_COLORS[step.kind]} style={{ marginInlineEnd: 0 }}>
                    {t(`processes.kinds.${step.kind}`)}
                  </Tag>
                  <Typography.Text strong ellipsis style={{ flex: 1, minWidth: 0 }}>
                    {step.name.trim() || <Typography.Text type="secondary">{step.key}</Typography.Text>}
                  </Typography.Text>
                  {issues > 0 ? (
                    <Tooltip title={t('designer.issueBadge', { count: issues })}>
                      <Badge count={issues} size="small" data-testid="step-issue-badge" />
                    </Tooltip>
                  ) : null}
                  {step.kind !== 'end' && step.outcomes.length > 0 ? (
                    <Tooltip title={t('designer.connectHint')}>
                      <span
                        draggable
                        role="button"
                        tabIndex={-1}
                        aria-label={t('designer.connectFrom', { name: step.name.trim() || step.key })}
                        data-testid={`designer-connect-${step.key}`}
                        onClick={(event) => {
                          event.stopPropagation();
                          setConnectFrom(step.key);
                          setAnnouncement(t('designer.connecting', { name: nameOf(step.key) }));
                        }}
                        onDragStart={(event) => {
                          event.stopPropagation();
                          event.dataTransfer.effectAllowed = 'link';
                          event.dataTransfer.setData('text/plain', step.key);
                          setDrag({ mode: 'connect', key: step.key });
                        }}
                        onDragEnd={endDrag}
                        style={{
                          color: isConnectSource ? '#2f54eb' : '#8c8c8c',
                          cursor: 'grab',
                          padding: '0 4px',
                        }}
                      >
                        <LinkOutlined />
                      </span>
                    </Tooltip>
                  ) : null}
                </Flex>
                {step.kind !== 'end' ? (
                  <Flex wrap style={{ columnGap: 12, rowGap: 2, fontSize: 12, color: '#595959' }}>
                    <span>
                      <UserOutlined />{' '}
                      {owner ?? <Typography.Text type="danger">{t('designer.noOwner')}</Typography.Text>}
                    </span>
                    <span>
                      <ClockCircleOutlined />{' '}
                      {step.slaHours === null
                        ? t('processes.noSla')
                        : t('processes.slaHours', { hours: step.slaHours })}
                    </span>
                    <Tooltip title={t('designer.sections.checklist')}>
                      <span>
                        <CheckSquareOutlined /> {step.checklist.length}
                      </span>
                    </Tooltip>
                    <Tooltip title={t('designer.fieldsCount', { count: step.fields.length })}>
                      <span>
                        <FormOutlined /> {step.fields.length}
                      </span>
                    </Tooltip>
                    <Tooltip title={t('designer.outcomesCount', { count: step.outcomes.length })}>
                      <span>
                        <NodeIndexOutlined /> {step.outcomes.length}
                      </span>
                    </Tooltip>
                  </Flex>
                ) : null}
                {isSelected ? (
                  <Flex gap={2} justify="flex-end" onClick={(event) => event.stopPropagation()}>
                    <Tooltip title={t('designer.moveUp')}>
                      <Button
                        size="small"
                        type="text"
                        icon={<ArrowUpOutlined />}
                        aria-label={t('designer.moveUp')}
                        disabled={index === 0}
                        onClick={() => dispatch({ type: 'moveStep', key: step.key, delta: -1 })}
                      />
                    </Tooltip>
                    <Tooltip title={t('designer.moveDown')}>
                      <Button
                        size="small"
                        type="text"
                        icon={<ArrowDownOutlined />}
                        aria-label={t('designer.moveDown')}
                        disabled={index === steps.length - 1}
                        onClick={() => dispatch({ type: 'moveStep', key: step.key, delta: 1 })}
                      />
                    </Tooltip>
                    <Tooltip title={t('designer.duplicate')}>
                      <Button
                        size="small"
                        type="text"
                        icon={<CopyOutlined />}
                        aria-label={t('designer.duplicate')}
                        disabled={steps.length >= MAX_STEPS}
                        onClick={() =>
                          dispatch({
                            type: 'duplicateStep',
                            key: step.key,
                            name: t('designer.copyName', { name: step.name.trim() }).slice(0, 200),
                          })
                        }
                      />
                    </Tooltip>
                    <Popconfirm
                      title={t('designer.removeConfirm', { name: step.name.trim() || step.key })}
                      description={step.outcomes.length === 1 ? t('designer.removeHint') : undefined}
                      okText={t('designer.remove')}
                      okButtonProps={{ danger: true }}
                      cancelText={t('actions.cancel')}
                      onConfirm={() => dispatch({ type: 'removeStep', key: step.key })}
                      onOpenChange={setConfirmingRemove}
                    >
                      <Tooltip title={t('designer.remove')} open={confirmingRemove ? false : undefined}>
                        <Button
                          size="small"
                          type="text"
                          danger
                          icon={<DeleteOutlined />}
                          aria-label={t('designer.remove')}
                        />
                      </Tooltip>
                    </Popconfirm>
                  </Flex>
                ) : null}
              </Flex>
            </Card>
          );
        })}
      </Flex>
      {connectFrom !== null ? (
        <Flex align="center" gap={8} wrap style={{ marginTop: 8 }} data-testid="designer-connecting">
          <Typography.Text type="secondary" style={{ fontSize: 12 }}>
            {t('designer.connecting', { name: nameOf(connectFrom) })}
          </Typography.Text>
          <Button size="small" onClick={() => setConnectFrom(null)}>
            {t('actions.cancel')}
          </Button>
        </Flex>
      ) : null}
      <Typography.Text
        id="designer-keys-hint"
        type="secondary"
        style={{ display: 'block', fontSize: 12, marginTop: 10 }}
      >
        {t('designer.keysHint')}
      </Typography.Text>
    </>
  );
}
