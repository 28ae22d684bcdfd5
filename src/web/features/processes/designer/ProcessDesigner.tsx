import { useEffect, useMemo, useReducer, useRef, useState, type ReactNode } from 'react';
import type { InputRef } from 'antd';
import {
  Alert,
  App,
  Breadcrumb,
  Button,
  Card,
  Drawer,
  Dropdown,
  Empty,
  Flex,
  Input,
  Space,
  Tag,
  Tooltip,
  Typography,
} from 'antd';
import {
  BranchesOutlined,
  CheckCircleOutlined,
  DownOutlined,
  EyeOutlined,
  PlusOutlined,
  RedoOutlined,
  SaveOutlined,
  UndoOutlined,
} from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { interpolate, type Locale } from '../../../../core/i18n/index.ts';
import { PROCESS_MESSAGES } from '../../../../core/processes/graph.ts';
import { ApiError, errorMessage } from '../../../api/client.ts';
import { FlowView } from '../FlowView.tsx';
import { useOwnerOptions } from './hooks.ts';
import {
  designerIssues,
  historyReducer,
  initialHistory,
  initialState,
  isChanged,
  issueCounts,
  MAX_STEPS,
  stepKeyOfPath,
  toPayload,
  toSteps,
  type DesignerDraft,
  type DesignerIssue,
  type DraftStep,
} from './model.ts';
import { StepEditor } from './StepEditor.tsx';
import { StepList } from './StepList.tsx';
import { useLeaveGuard } from './useLeaveGuard.tsx';

export type DesignerPayload = ReturnType<typeof toPayload>;

/** An issue in words; clicking it opens its step, or the process name when that is what it is about. */
type IssueLine = { key: string; stepKey: string | null; isAboutName: boolean; text: string };

/**
 * The process (SOP) designer: the steps on the left, the selected step's editor on the right, issues checked
 * live as in the server, and a preview of the flow. Saving hands the payload to the page, which answers with
 * where to go next; a refused save keeps every edit and lists what the server said.
 */
export function ProcessDesigner({
  workspaceId,
  initialDraft,
  isSaved,
  crumbs,
  title,
  currentVersion,
  submitLabel,
  isSaving,
  saveError,
  onSubmit,
  cancelTo,
}: {
  workspaceId: string;
  initialDraft: DesignerDraft;
  /** Whether the draft is a saved process (its keys are then frozen), rather than a blank one. */
  isSaved: boolean;
  crumbs: Array<{ title: ReactNode }>;
  title: string;
  /** The version being edited, when there is one: with cases, saving makes the next version. */
  currentVersion: { number: number; runCount: number } | null;
  submitLabel: string;
  isSaving: boolean;
  saveError: unknown;
  /** Saves and resolves to the path to show next; rejects when the server refused. */
  onSubmit: (payload: DesignerPayload) => Promise<string>;
  cancelTo: string;
}) {
  const { t, i18n } = useTranslation();
  const { message, modal } = App.useApp();
  const navigate = useNavigate();
  const [history, dispatch] = useReducer(historyReducer, undefined, () =>
    initialHistory(initialState(initialDraft, isSaved)),
  );
  const state = history.present;
  const canUndo = history.past.length > 0;
  const canRedo = history.future.length > 0;
  // Ctrl+Z / Ctrl+Shift+Z (⌘ on a Mac, Ctrl+Y too) undo and redo edits; in a text box they stay the box's own.
  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      if (!(event.ctrlKey || event.metaKey) || event.altKey) return;
      const key = event.key.toLowerCase();
      if (key !== 'z' && key !== 'y') return;
      const target = event.target as HTMLElement | null;
      if (target?.closest('input, textarea, [contenteditable="true"]')) return;
      event.preventDefault();
      dispatch({ type: key === 'y' || event.shiftKey ? 'redo' : 'undo' });
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, []);
  const [hasTriedSaving, setTriedSaving] = useState(false);
  const [isPreviewOpen, setPreviewOpen] = useState(false);
  const issuesRef = useRef<HTMLDivElement>(null);
  const nameRef = useRef<InputRef>(null);
  const owners = useOwnerOptions(workspaceId);
  const { draft, selectedKey } = state;
  const hasChanges = isChanged(initialDraft, draft) || !isSaved;
  const leaveGuard = useLeaveGuard(isChanged(initialDraft, draft));
  const locale: Locale = i18n.language === 'en' ? 'en' : 'zh-CN';

  const issues = useMemo(() => designerIssues(draft), [draft]);
  const previewSteps = useMemo(() => toSteps(draft.steps), [draft.steps]);
  const describe = (issue: DesignerIssue): string =>
    issue.source === 'graph'
      ? interpolate(PROCESS_MESSAGES[locale][issue.code], issue.params)
      : t(`designer.issues.${issue.code}`, issue.params);
  const issueLines: IssueLine[] = issues.map((issue, index) => ({
    key: `${index}-${issue.code}`,
    stepKey: issue.stepKey,
    isAboutName: issue.code === 'process_name_missing',
    text: describe(issue),
  }));
  const serverLines: IssueLine[] =
    saveError instanceof ApiError
      ? saveError.fields.map((field, index) => ({
          key: `${index}-${field.path}`,
          stepKey: stepKeyOfPath(field.path, draft.steps),
          isAboutName: field.path === 'name',
          text: field.message,
        }))
      : [];
  // What the server refused counts on its step too, until the next save attempt replaces it.
  const counts = issueCounts([...issueLines, ...serverLines]);
  const selected = draft.steps.find((step) => step.key === selectedKey) ?? null;
  const selectedIssues = [...issueLines, ...serverLines]
    .filter((line) => line.stepKey === selectedKey)
    .map((line) => line.text);
  const labels = {
    done: t('designer.defaults.done'),
    yes: t('designer.defaults.yes'),
    no: t('designer.defaults.no'),
  };
  const nextNumber = currentVersion ? currentVersion.number + 1 : 1;
  const makesNewVersion = currentVersion !== null && currentVersion.runCount > 0;
  const versionNotice = currentVersion
    ? makesNewVersion
      ? t('designer.newVersionNotice', {
          number: currentVersion.number,
          next: nextNumber,
          count: currentVersion.runCount,
        })
      : t('designer.inPlaceNotice', { number: currentVersion.number })
    : null;

  const submit = () => {
    void onSubmit(toPayload(draft)).then(
      (path) => {
        leaveGuard.allowLeaving();
        void navigate(path);
      },
      () => issuesRef.current?.scrollIntoView({ behavior: 'smooth', block: 'center' }),
    );
  };

  const save = () => {
    setTriedSaving(true);
    if (issues.length > 0) {
      void message.warning(t('designer.saveBlocked'));
      issuesRef.current?.scrollIntoView({ behavior: 'smooth', block: 'center' });
      return;
    }
    if (!makesNewVersion) return submit();
    void modal.confirm({
      title: t('designer.confirmNewVersion', { next: nextNumber }),
      content: versionNotice,
      okText: submitLabel,
      cancelText: t('actions.cancel'),
      onOk: submit,
    });
  };

  const addStep = (kind: 'task' | 'decision' | 'end') =>
    dispatch({ type: 'addStep', kind, name: t(`designer.defaults.${kind}`), labels });

  const issueList = (lines: IssueLine[]) => (
    <ul style={{ margin: '4px 0 0', paddingInlineStart: 18 }}>
      {lines.map((line) => (
        <li key={line.key}>
          {line.stepKey !== null || line.isAboutName ? (
            <Typography.Link
              onClick={() =>
                line.stepKey !== null
                  ? dispatch({ type: 'select', key: line.stepKey })
                  : nameRef.current?.focus()
              }
              data-testid="designer-issue"
            >
              {line.text}
            </Typography.Link>
          ) : (
            <span data-testid="designer-issue">{line.text}</span>
          )}
        </li>
      ))}
    </ul>
  );

  return (
    <>
      <Breadcrumb style={{ marginBottom: 12 }} items={crumbs} />
      <Flex
        justify="space-between"
        align="center"
        gap={16}
        wrap
        style={{
          position: 'sticky',
          top: 0,
          zIndex: 10,
          background: '#f5f7fa',
          paddingBlock: 10,
          marginBottom: 12,
          borderBottom: '1px solid #e8ebf0',
        }}
      >
        <Flex align="center" gap={10} style={{ minWidth: 0 }}>
          <Typography.Title level={3} style={{ margin: 0 }} ellipsis>
            {title}
          </Typography.Title>
          {isChanged(initialDraft, draft) && isSaved ? (
            <Tag color="gold" data-testid="designer-unsaved">
              {t('designer.unsaved')}
            </Tag>
          ) : null}
        </Flex>
        <Flex gap={8} align="center" wrap>
          {issues.length > 0 ? (
            <Typography.Text type="warning" style={{ marginInlineEnd: 4 }}>
              {t('designer.issueBadge', { count: issues.length })}
            </Typography.Text>
          ) : null}
          <Space.Compact>
            <Tooltip title={t('designer.undoHint')}>
              <Button
                icon={<UndoOutlined />}
                disabled={!canUndo}
                onClick={() => dispatch({ type: 'undo' })}
                aria-label={t('designer.undo')}
                aria-keyshortcuts="Control+Z"
                data-testid="designer-undo"
              />
            </Tooltip>
            <Tooltip title={t('designer.redoHint')}>
              <Button
                icon={<RedoOutlined />}
                disabled={!canRedo}
                onClick={() => dispatch({ type: 'redo' })}
                aria-label={t('designer.redo')}
                aria-keyshortcuts="Control+Shift+Z"
                data-testid="designer-redo"
              />
            </Tooltip>
          </Space.Compact>
          <Button icon={<EyeOutlined />} onClick={() => setPreviewOpen(true)} data-testid="designer-preview">
            {t('designer.preview')}
          </Button>
          <Button onClick={() => void navigate(cancelTo)}>{t('actions.cancel')}</Button>
          <Button
            type="primary"
            icon={<SaveOutlined />}
            loading={isSaving}
            disabled={!hasChanges}
            onClick={save}
            data-testid="designer-save"
          >
            {submitLabel}
          </Button>
        </Flex>
      </Flex>

      <Card size="small" style={{ marginBottom: 16 }}>
        <Flex gap={16} wrap>
          <div style={{ flex: '1 1 260px' }}>
            <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 4 }}>
              {t('designer.processName')}
            </Typography.Text>
            <Input
              ref={nameRef}
              value={draft.name}
              maxLength={100}
              placeholder={t('designer.processNamePlaceholder')}
              status={hasTriedSaving && draft.name.trim() === '' ? 'error' : undefined}
              onChange={(event) => dispatch({ type: 'setName', name: event.target.value })}
              data-testid="process-name"
            />
          </div>
          <div style={{ flex: '2 1 400px' }}>
            <Typography.Text type="secondary" style={{ display: 'block', marginBottom: 4 }}>
              {t('designer.processDescription')}
            </Typography.Text>
            <Input.TextArea
              value={draft.description}
              maxLength={2000}
              autoSize={{ minRows: 1, maxRows: 4 }}
              placeholder={t('designer.processDescriptionPlaceholder')}
              onChange={(event) => dispatch({ type: 'setDescription', description: event.target.value })}
              data-testid="process-description"
            />
          </div>
        </Flex>
      </Card>

      <Flex vertical gap={12} style={{ marginBottom: 16 }} ref={issuesRef}>
        {versionNotice ? (
          <Alert
            type={makesNewVersion ? 'warning' : 'info'}
            showIcon
            icon={<BranchesOutlined />}
            title={versionNotice}
            data-testid="version-notice"
          />
        ) : null}
        {saveError ? (
          <Alert
            type="error"
            showIcon
            data-testid="designer-server-errors"
            title={serverLines.length > 0 ? t('designer.serverRefused') : errorMessage(saveError)}
            description={serverLines.length > 0 ? issueList(serverLines) : undefined}
          />
        ) : null}
        {issues.length > 0 ? (
          <Alert
            type={hasTriedSaving ? 'error' : 'warning'}
            showIcon
            data-testid="designer-issues"
            title={
              <Flex justify="space-between" gap={12} wrap>
                <span>{t('designer.issuesTitle', { count: issues.length })}</span>
                <Typography.Text type="secondary" style={{ fontSize: 12 }}>
                  {t('designer.issuesHint')}
                </Typography.Text>
              </Flex>
            }
            description={issueList(issueLines)}
          />
        ) : (
          <Alert
            type="success"
            showIcon
            icon={<CheckCircleOutlined />}
            title={t('designer.noIssues')}
            data-testid="designer-no-issues"
          />
        )}
      </Flex>

      <Flex gap={16} align="flex-start" className="designer-panes">
        <div className="designer-steps" style={{ width: 330, flexShrink: 0, position: 'sticky', top: 76 }}>
          <Card
            size="small"
            title={
              <Flex align="center" gap={8}>
                <span>{t('designer.steps')}</span>
                <Typography.Text type="secondary" style={{ fontWeight: 400 }}>
                  {draft.steps.length}
                </Typography.Text>
              </Flex>
            }
            extra={
              <Dropdown
                trigger={['click']}
                disabled={draft.steps.length >= MAX_STEPS}
                menu={{
                  items: (['task', 'decision', 'end'] as const).map((kind) => ({
                    key: kind,
                    label: t(`designer.addKinds.${kind}`),
                  })),
                  onClick: ({ key }) => addStep(key as 'task' | 'decision' | 'end'),
                }}
              >
                <Button size="small" type="primary" ghost icon={<PlusOutlined />} data-testid="add-step">
                  {t('designer.addStep')} <DownOutlined />
                </Button>
              </Dropdown>
            }
            styles={{ body: { maxHeight: 'calc(100vh - 140px)', overflowY: 'auto' } }}
          >
            <StepList
              steps={draft.steps}
              selectedKey={selectedKey}
              issueCounts={counts}
              candidates={owners.candidates}
              dispatch={dispatch}
            />
            <Typography.Text type="secondary" style={{ display: 'block', fontSize: 12, marginTop: 10 }}>
              {t('designer.addHint')}
            </Typography.Text>
          </Card>
        </div>

        <Card
          size="small"
          style={{ flex: 1, minWidth: 0 }}
          title={
            selected ? (
              <Flex align="center" gap={8}>
                <span>{selected.name.trim() || selected.key}</span>
              </Flex>
            ) : null
          }
        >
          {selected ? (
            <StepEditor
              key={selected.key}
              step={selected}
              steps={draft.steps}
              issues={selectedIssues}
              candidates={owners.candidates}
              roles={owners.roles}
              skills={owners.skills}
              dispatch={dispatch}
              onKindChange={(kind: DraftStep['kind']) =>
                dispatch({ type: 'changeKind', key: selected.key, kind, labels })
              }
            />
          ) : (
            <Empty image={Empty.PRESENTED_IMAGE_SIMPLE} description={t('designer.noSelection')} />
          )}
        </Card>
      </Flex>

      <Drawer
        open={isPreviewOpen}
        onClose={() => setPreviewOpen(false)}
        title={t('designer.previewTitle')}
        size={560}
        data-testid="designer-preview-drawer"
      >
        <FlowView steps={previewSteps} showDescriptions />
      </Drawer>
      {leaveGuard.prompt}
    </>
  );
}
