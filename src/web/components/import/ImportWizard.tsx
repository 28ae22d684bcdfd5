import type { ReactNode } from 'react';
import { Card, Flex, Steps } from 'antd';
import { useTranslation } from 'react-i18next';
import { CheckButton, CommitFooter, ImportDropzone, ImportError } from './ImportPieces.tsx';
import type { useImportFlow } from './useImportFlow.ts';

type Flow<Report> = ReturnType<typeof useImportFlow<Report>>;

/**
 * The layout every import page shares: steps (file, check, import), the last error, then per phase the drop
 * zone with its options and the check button, the dry run's report with its actions (or the commit's
 * progress), and the result. The page supplies what differs: the options, the report, the actions, the result.
 */
export function ImportWizard<Report>({
  flow,
  error,
  renderError,
  file,
  onFile,
  dropHint,
  accept,
  fileOptions,
  renderReport,
  renderActions,
  renderDone,
}: {
  flow: Flow<Report>;
  /** The last upload's error, shown above every phase. */
  error: unknown;
  /** Shows the error with more than its message (the places a file is wrong); a plain alert otherwise. */
  renderError?: (error: unknown) => ReactNode;
  file: File | null;
  onFile: (file: File) => void;
  dropHint: ReactNode;
  /** The file types the drop zone offers; CSV and XLSX by default. */
  accept?: string;
  /** Under the drop zone: a template to download, the goal or KPI the rows belong to. */
  fileOptions?: ReactNode;
  renderReport: (report: Report) => ReactNode;
  renderActions: (report: Report) => ReactNode;
  renderDone: (report: Report) => ReactNode;
}) {
  const { t } = useTranslation();
  const { phase, progress } = flow;
  return (
    <Card>
      <Steps
        current={flow.stepIndex}
        style={{ marginBottom: 32 }}
        items={[
          { title: t('import.steps.file') },
          { title: t('import.steps.check') },
          { title: t('import.steps.done') },
        ]}
      />
      {renderError ? renderError(error) : <ImportError error={error} />}

      {phase.step === 'file' || phase.step === 'checking' ? (
        <Flex vertical gap={16} style={{ maxWidth: 720, margin: '0 auto' }}>
          <ImportDropzone
            file={file}
            onFile={onFile}
            hint={dropHint}
            disabled={phase.step === 'checking'}
            {...(accept ? { accept } : {})}
          />
          {fileOptions}
          <CheckButton
            isChecking={phase.step === 'checking'}
            progress={progress}
            disabled={!file}
            onCheck={flow.check}
          />
        </Flex>
      ) : null}

      {phase.step === 'report' || phase.step === 'committing' ? (
        <Flex vertical gap={20} data-testid="import-report">
          {renderReport(phase.report)}
          <CommitFooter
            isCommitting={phase.step === 'committing'}
            progress={progress}
            actions={renderActions(phase.report)}
          />
        </Flex>
      ) : null}

      {phase.step === 'done' ? renderDone(phase.report) : null}
    </Card>
  );
}
