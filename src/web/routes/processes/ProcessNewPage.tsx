import { useState } from 'react';
import { App } from 'antd';
import { useTranslation } from 'react-i18next';
import { Link } from 'react-router';
import { useCreateProcessFromSteps } from '../../features/processes/designer/hooks.ts';
import { blankDraft } from '../../features/processes/designer/model.ts';
import { NoEditPermission } from '../../features/processes/designer/NoEditPermission.tsx';
import { ProcessDesigner, type DesignerPayload } from '../../features/processes/designer/ProcessDesigner.tsx';
import { useWorkspaceScope } from '../../features/workspaces/WorkspaceContext.ts';

/** The designer on a blank process: a start, one task and an end, created when saved. */
export function ProcessNewPage() {
  const { t } = useTranslation();
  const { message } = App.useApp();
  const { workspace, can } = useWorkspaceScope();
  const create = useCreateProcessFromSteps(workspace.id);
  const listPath = `/w/${workspace.id}/processes`;
  // The default names are in the language the page opened in; they are the user's text from then on.
  const [initialDraft] = useState(() =>
    blankDraft(
      {
        start: t('designer.defaults.start'),
        task: t('designer.defaults.task'),
        end: t('designer.defaults.end'),
      },
      { done: t('designer.defaults.done'), yes: t('designer.defaults.yes'), no: t('designer.defaults.no') },
    ),
  );

  if (!can('processes.write')) return <NoEditPermission backTo={listPath} />;

  const submit = async (payload: DesignerPayload) => {
    const created = await create.mutateAsync(payload);
    void message.success(t('designer.created'));
    return `${listPath}/${created.id}`;
  };

  return (
    <ProcessDesigner
      workspaceId={workspace.id}
      initialDraft={initialDraft}
      isSaved={false}
      crumbs={[
        { title: <Link to={listPath}>{t('processes.title')}</Link> },
        { title: t('designer.newTitle') },
      ]}
      title={t('designer.newTitle')}
      currentVersion={null}
      submitLabel={t('designer.create')}
      isSaving={create.isPending}
      saveError={create.error}
      onSubmit={submit}
      cancelTo={listPath}
    />
  );
}
