// The document worker: builds the plan document and renders it in a thread of its own, so the server's event
// loop answers requests (/healthz, the API) while a large DOCX is put together (`docx` builds and serialises its
// XML synchronously, seconds for a big workspace). Started by thread.ts; bundled as dist/server/documents-worker.js.
import { parentPort, workerData } from 'node:worker_threads';
import { AppError } from '../../core/errors/index.ts';
import { buildPlanDocument } from '../../core/plan/document/build.ts';
import { renderDocument } from './render.ts';
import type { RenderRequest, WorkerMessage } from './thread.ts';

const post = (message: WorkerMessage, transfer: ArrayBuffer[] = []) =>
  parentPort?.postMessage(message, transfer);

async function run(request: RenderRequest): Promise<void> {
  const { plan, observations, options, format } = request;
  const document = buildPlanDocument(plan, observations, {
    locale: options.locale,
    now: options.now,
    scopeTitle: options.scopeTitle ?? null,
    ...(options.timezone ? { timezone: options.timezone } : {}),
    ...(options.workspaceName ? { workspaceName: options.workspaceName } : {}),
    ...(options.previewCut ? { previewCut: options.previewCut } : {}),
  });
  post({ kind: 'built' });
  const bytes = await renderDocument(document, format, async () => post({ kind: 'figures' }));
  // A copy of exactly the file's bytes (a Buffer may be a view into a shared pool), handed over without a copy.
  const buffer = bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.length) as ArrayBuffer;
  post({ kind: 'done', bytes: buffer, title: document.cover.title }, [buffer]);
}

run(workerData as RenderRequest).catch((error: unknown) => {
  post(
    error instanceof AppError
      ? { kind: 'failed', code: error.code, params: error.params }
      : { kind: 'failed', message: error instanceof Error ? error.message : String(error) },
  );
});
