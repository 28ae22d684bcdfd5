import { apiHeaders, toApiError } from './client.ts';
import type { components } from './schema.ts';

export type ImportReport = components['schemas']['ImportReport'];
export type WbsImportReport = components['schemas']['WbsImportReport'];

/** What every file upload takes besides its address: the file, a progress callback and a way to cancel. */
export type UploadOptions = {
  file: File;
  /** Share of the file sent so far, 0..1. */
  onProgress?: ((fraction: number) => void) | undefined;
  signal?: AbortSignal | undefined;
};

export type ImportOptions = UploadOptions & {
  workspaceId: string;
  dryRun: boolean;
  skipBadRows: boolean;
  /** The KPI of a file with only period and value columns. */
  kpiKey?: string | undefined;
};

export type WbsImportOptions = UploadOptions & {
  workspaceId: string;
  dryRun: boolean;
  /** The goal the imported tasks belong to. */
  goalId?: string | undefined;
};

export type PlanYamlImportOptions = UploadOptions & { workspaceId: string; dryRun: boolean };

const XLSX_TYPE = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

/** The content type the import endpoints expect; browsers often leave `File.type` empty for CSV. */
export function importContentType(file: Pick<File, 'name' | 'type'>): string {
  const name = file.name.toLowerCase();
  if (name.endsWith('.xlsx')) return XLSX_TYPE;
  if (name.endsWith('.csv') || name.endsWith('.txt')) return 'text/csv';
  if (name.endsWith('.yaml') || name.endsWith('.yml')) return 'application/yaml';
  return file.type || 'application/octet-stream';
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return null;
  }
}

/**
 * POSTs a file as the raw request body and resolves with the JSON answer, or rejects with an ApiError.
 * XMLHttpRequest rather than fetch, because only it reports upload progress.
 */
export function uploadFile<T>(url: string, options: UploadOptions): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const request = new XMLHttpRequest();
    request.open('POST', url);
    request.withCredentials = true;
    request.responseType = 'text';
    for (const [name, value] of Object.entries(apiHeaders('POST'))) request.setRequestHeader(name, value);
    request.setRequestHeader('Content-Type', importContentType(options.file));
    request.setRequestHeader('Accept', 'application/json');

    request.upload.onprogress = (event) => {
      if (event.lengthComputable && event.total > 0) options.onProgress?.(event.loaded / event.total);
    };
    request.upload.onload = () => options.onProgress?.(1);
    request.onload = () => {
      const body = parseJson(request.responseText);
      if (request.status >= 200 && request.status < 300 && body !== null) resolve(body as T);
      else reject(toApiError({ status: request.status }, body));
    };
    request.onerror = () => reject(new Error('network'));
    request.onabort = () => reject(new DOMException('Aborted', 'AbortError'));
    options.signal?.addEventListener('abort', () => request.abort(), { once: true });
    request.send(options.file);
  });
}

/** Sends a measurement file to the import endpoint: a dry run reports, a commit saves. */
export function importMeasurements(options: ImportOptions): Promise<ImportReport> {
  const query = new URLSearchParams({
    dryRun: String(options.dryRun),
    skipBadRows: String(options.skipBadRows),
  });
  if (options.kpiKey) query.set('kpi', options.kpiKey);
  const url = `/api/v1/w/${encodeURIComponent(options.workspaceId)}/measurements/import?${query.toString()}`;
  return uploadFile<ImportReport>(url, options);
}

/** Sends a WBS file to the task import endpoint: a dry run reports, a commit saves every row or none. */
export function importWbs(options: WbsImportOptions): Promise<WbsImportReport> {
  const query = new URLSearchParams({ dryRun: String(options.dryRun) });
  if (options.goalId) query.set('goalId', options.goalId);
  const url = `/api/v1/w/${encodeURIComponent(options.workspaceId)}/tasks/import?${query.toString()}`;
  return uploadFile<WbsImportReport>(url, options);
}

/** Sends a plan.yaml to the plan import endpoint: a dry run reports, a commit loads everything or nothing. */
export function importPlanYaml(
  options: PlanYamlImportOptions,
): Promise<components['schemas']['PlanImportReport']> {
  const query = new URLSearchParams({ dryRun: String(options.dryRun) });
  const url = `/api/v1/w/${encodeURIComponent(options.workspaceId)}/plan/import?${query.toString()}`;
  return uploadFile(url, options);
}
