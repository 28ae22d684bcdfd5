import { Button } from 'antd';
import { FilePdfOutlined, FileExcelOutlined } from '@ant-design/icons';
import { useTranslation } from 'react-i18next';
import type { ReviewCycle } from '../../features/reviews/hooks.ts';

const base = (workspaceId: string) => `/api/v1/w/${encodeURIComponent(workspaceId)}`;

/** The cycle as a spreadsheet: one row per person the caller may calibrate, a sheet of figures with evidence. */
export function ExportCycleButton({ workspaceId, cycle }: { workspaceId: string; cycle: ReviewCycle }) {
  const { t } = useTranslation();
  return (
    <Button
      icon={<FileExcelOutlined />}
      href={`${base(workspaceId)}/review-cycles/${encodeURIComponent(cycle.id)}/export.xlsx`}
      data-testid="export-xlsx"
    >
      {t('reviews.exportXlsx')}
    </Button>
  );
}

/** One person's review as a PDF, printed by the same Chromium path as the plan document. */
export function ExportReviewPdfButton({
  workspaceId,
  participantId,
}: {
  workspaceId: string;
  participantId: string;
}) {
  const { t } = useTranslation();
  return (
    <Button
      icon={<FilePdfOutlined />}
      href={`${base(workspaceId)}/review-participants/${encodeURIComponent(participantId)}/export.pdf`}
      data-testid="export-pdf"
    >
      {t('reviews.exportPdf')}
    </Button>
  );
}
