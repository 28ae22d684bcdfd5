import { useCallback, useEffect, useRef, useState } from 'react';

/** Where an import wizard is: choosing a file, checking it, reading the report, saving it, done. */
export type ImportPhase<Report> =
  | { step: 'file' }
  | { step: 'checking' }
  | { step: 'report'; report: Report }
  | { step: 'committing'; report: Report }
  | { step: 'done'; report: Report };

/** One upload of the wizard: a dry run or the commit, with its progress callback and cancel signal. */
export type ImportTransfer = {
  dryRun: boolean;
  onProgress: (fraction: number) => void;
  signal: AbortSignal;
};

/**
 * The steps shared by the import wizards: a dry run that reports, then a commit of the same file, each an
 * upload with progress; leaving the page cancels a running upload. `send` does the upload (usually a
 * mutation's `mutateAsync`), `reset` forgets its last error.
 */
export function useImportFlow<Report>({
  send,
  reset,
}: {
  send: (transfer: ImportTransfer) => Promise<Report>;
  reset: () => void;
}) {
  const [phase, setPhase] = useState<ImportPhase<Report>>({ step: 'file' });
  const [progress, setProgress] = useState(0);
  const abortRef = useRef<AbortController | null>(null);

  useEffect(() => () => abortRef.current?.abort(), []);

  const run = (dryRun: boolean, previous?: Report) => {
    abortRef.current?.abort();
    const controller = new AbortController();
    abortRef.current = controller;
    setProgress(0);
    setPhase(previous === undefined ? { step: 'checking' } : { step: 'committing', report: previous });
    send({ dryRun, onProgress: setProgress, signal: controller.signal }).then(
      (report) => {
        if (!controller.signal.aborted)
          setPhase(dryRun ? { step: 'report', report } : { step: 'done', report });
      },
      () => {
        if (!controller.signal.aborted)
          setPhase(previous === undefined ? { step: 'file' } : { step: 'report', report: previous });
      },
    );
  };

  const restart = useCallback(() => {
    abortRef.current?.abort();
    reset();
    setPhase({ step: 'file' });
  }, [reset]);

  /** The index of the wizard's Steps: file, check, done. */
  const stepIndex = phase.step === 'file' || phase.step === 'checking' ? 0 : phase.step === 'done' ? 2 : 1;

  return {
    phase,
    progress,
    stepIndex,
    /** Uploads the file as a dry run. */
    check: () => run(true),
    /** Uploads the file again to save it; the report stays on screen while it runs and if it fails. */
    commit: (report: Report) => run(false, report),
    restart,
  };
}
