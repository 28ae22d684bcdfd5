import { Worker } from 'node:worker_threads';
import { AppError, type ErrorCode } from '../../core/errors/index.ts';
import type { Locale } from '../../core/i18n/index.ts';
import type { Plan, PlanObservations } from '../../core/plan/model.ts';
import type { PreviewCut } from '../../core/plan/document/preview.ts';
import type { DocumentFormat } from './formats.ts';

export type RenderRequest = {
  plan: Plan;
  observations: PlanObservations | null;
  options: {
    locale: Locale;
    now: number;
    timezone?: string | undefined;
    scopeTitle?: string | null | undefined;
    workspaceName?: string | undefined;
    previewCut?: PreviewCut | undefined;
  };
  format: DocumentFormat;
};

export type WorkerMessage =
  | { kind: 'built' }
  | { kind: 'figures' }
  | { kind: 'done'; bytes: ArrayBuffer; title: string }
  | { kind: 'failed'; code: ErrorCode; params: Record<string, unknown> }
  | { kind: 'failed'; message: string };

/**
 * The worker's entry: beside this module as worker.ts when running the sources (tsx registered in the thread
 * first), as documents-worker.js beside the bundle's chunks in a build (scripts/build-server.ts).
 */
function startWorker(request: RenderRequest): Worker {
  const options = { workerData: request, resourceLimits: { maxOldGenerationSizeMb: 2048 } };
  if (import.meta.url.endsWith('.ts')) {
    const entry = new URL('./worker.ts', import.meta.url).href;
    // Resolved here: an eval'd worker resolves bare names from the working directory, which may be anywhere.
    const tsx = import.meta.resolve('tsx/esm/api');
    const boot = `import(${JSON.stringify(tsx)}).then(({ register }) => { register(); return import(${JSON.stringify(entry)}); })`;
    return new Worker(boot, { ...options, eval: true });
  }
  return new Worker(new URL('./documents-worker.js', import.meta.url), options);
}

/**
 * The plan built into its document and rendered to a file on a worker thread, one thread per document; this
 * thread only waits. `onProgress` hears when the document is built and when its pictures are drawn.
 */
export function renderPlanOffThread(
  request: RenderRequest,
  onProgress: (step: 'built' | 'figures') => Promise<void> = async () => undefined,
): Promise<{ bytes: Buffer; title: string }> {
  return new Promise((resolve, reject) => {
    const worker = startWorker(request);
    let settled = false;
    const settle = (finish: () => void) => {
      if (settled) return;
      settled = true;
      finish();
      void worker.terminate();
    };
    worker.on('message', (message: WorkerMessage) => {
      if (message.kind === 'built' || message.kind === 'figures') {
        onProgress(message.kind).catch((error: unknown) => settle(() => reject(error)));
      } else if (message.kind === 'done') {
        settle(() => resolve({ bytes: Buffer.from(message.bytes), title: message.title }));
      } else if ('code' in message) {
        settle(() => reject(new AppError(message.code, message.params)));
      } else {
        settle(() => reject(new Error(message.message)));
      }
    });
    worker.on('error', (error) => settle(() => reject(error)));
    worker.on('exit', (code) =>
      settle(() =>
        reject(new Error(`the document worker stopped with code ${code} before the file was done`)),
      ),
    );
  });
}
