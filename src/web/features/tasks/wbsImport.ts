/** Helpers of the WBS import wizard. */
import { addDays } from '../../../core/days/index.ts';
import { toCsv } from '../../../core/csv/index.ts';

const TEMPLATE_HEADER = ['编号', '任务', '负责人', '预估工时', '开始', '截止', '前置任务'];

/**
 * A small CSV the import reads as it is: the Chinese header row and two example rows, a phase and a task
 * under it owned by `ownerEmail`, dated from `today`. Starts with a BOM so Excel opens it as UTF-8.
 */
export function wbsTemplateCsv(ownerEmail: string, today: string): string {
  const rows = [
    TEMPLATE_HEADER,
    ['1', '活动筹备', ownerEmail, '', today, addDays(today, 13), ''],
    ['1.1', '完成市场调研报告', ownerEmail, '16', today, addDays(today, 3), ''],
  ];
  return toCsv(rows);
}

/** Lets the browser save `text` as a file, without a round trip to the server. */
export function downloadText(fileName: string, text: string, type = 'text/csv;charset=utf-8'): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  document.body.appendChild(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 0);
}
