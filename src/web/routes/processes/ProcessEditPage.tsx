import { useMemo } from 'react';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link, useParams } from 'react-router';
import { FullPageSpin } from '../../components/FullPageSpin.tsx';
import { QueryError } from '../../components/QueryError.tsx';
import { useSaveProcessSteps } from '../../features/processes/designer/hooks.ts';
import type { DesignerDraft } from '../../features/processes/designer/model.ts';
import { NoEditPermission } from '../../features/processes/designer/NoEditPermission.tsx';
import { ProcessDesigner, type DesignerPayload } from '../../features/processes/designer/ProcessDesigner.tsx';
import { useProcess } from '../../features/processes/hooks.ts';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';

/** The designer for an existing process: edits its current steps, saved in place or as the next version. */
export function ProcessEditPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { processId = '' } = useParams();
  const { workspace, can } = useWorkspaceScope();
  const mayEdit = can('processes.write');
  const process = useProcess(workspace.id, processId);
  const save = useSaveProcessSteps(workspace.id, processId);
  const processPath = `/w/${workspace.id}/processes/${processId}`;
  const data = process.data;
  // Built once per loaded process: a background refetch must not reset what is being edited.
  const loadedId = data?.id;
  const initialDraft = useMemo<DesignerDraft | null>(
    () =>
      data
        ? { name: data.name, description: data.description ?? '', steps: data.version?.steps ?? [] }
        : null,
    // eslint-disable-next-line react-hooks/exhaustive-deps -- see above
    [loadedId],
  );

  if (!mayEdit) return <NoEditPermission backTo={processPath} />;
  if (process.error) return <QueryError error={process.error} onRetry={() => void process.refetch()} />;
  if (!data || !initialDraft) return <FullPageSpin />;

  const current = data.versions.find((version) => version.id === data.version?.id) ?? null;

  const submit = async (payload: DesignerPayload) => {
    const saved = await save.mutateAsync(payload);
    const number = saved.version?.number;
    void message.success(
      number !== undefined && number !== current?.number
        ? t('designer.savedVersion', { number })
        : t('designer.saved'),
    );
    return processPath;
  };

  return (
    <ProcessDesigner
      key={data.id}
      workspaceId={workspace.id}
      initialDraft={initialDraft}
      isSaved
      crumbs={[
        { title: <Link to={`/w/${workspace.id}/processes`}>{t('processes.title')}</Link> },
        { title: <Link to={processPath}>{data.name}</Link> },
        { title: t('designer.editFlow') },
      ]}
      title={t('designer.editTitle', { name: data.name })}
      currentVersion={current ? { number: current.number, runCount: current.runCount } : null}
      submitLabel={
        current && current.runCount > 0
          ? t('designer.saveAsVersion', { number: current.number + 1 })
          : t('designer.save')
      }
      isSaving={save.isPending}
      saveError={save.error}
      onSubmit={submit}
      cancelTo={processPath}
    />
  );
}
