/**
 * One bulk job at a time from the composer: create, upload (files; on the desktop main opens the
 * file itself), start, follow, pause, cancel, verify; and the unfinished jobs of earlier sessions.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type {
  BulkArrival,
  BulkJobSpec,
  BulkJobView,
  BulkPickFileRequest,
} from '../../../src-shared/ipc/contract';
import { invoke, on } from '../../api/client';
import { uploadFile } from './bulk-upload';

export type BulkPhase =
  | { phase: 'idle' }
  | { phase: 'uploading'; jobId: string; bytes: number; size: number }
  | { phase: 'job'; view: BulkJobView }
  | { phase: 'failed'; message: string };

export interface BulkStartOptions {
  spec: BulkJobSpec;
  file?: File;
  confirmProduction?: true;
}

/** States of a job that is neither finished nor cancelled: it can be resumed or discarded. */
export const UNFINISHED: readonly BulkJobView['state'][] = [
  'receiving',
  'validating',
  'ready',
  'sending',
  'paused',
  'failed',
];
const message = (err: unknown) => (err instanceof Error ? err.message : String(err));

export function useBulkJob() {
  const [state, setState] = useState<BulkPhase>({ phase: 'idle' });
  const [desktop, setDesktop] = useState(false);
  const [arrival, setArrival] = useState<BulkArrival | { error: string } | null>(null);
  const [earlier, setEarlier] = useState<BulkJobView[]>([]);
  const jobId = useRef<string | null>(null);
  const upload = useRef<AbortController | null>(null);

  useEffect(
    () =>
      on('ingest:bulkProgress', (view) => {
        if (view.jobId === jobId.current) setState({ phase: 'job', view });
        else setEarlier((jobs) => jobs.map((j) => (j.jobId === view.jobId ? view : j)));
      }),
    [],
  );

  // Jobs that did not finish (a crash, a quit, a lost network, a pause) can be resumed or discarded.
  const refresh = useCallback(() => {
    invoke('ingest:bulkList', {})
      .then(({ jobs }) =>
        setEarlier(jobs.filter((j) => j.jobId !== jobId.current && UNFINISHED.includes(j.state))),
      )
      .catch(() => undefined);
  }, []);
  useEffect(refresh, [refresh]);
  // The desktop app picks bulk files with main's native dialog; the web edition uploads them.
  useEffect(() => {
    invoke('app:getInfo', {})
      .then((info) => setDesktop(info.edition === 'desktop'))
      .catch(() => undefined);
  }, []);

  const start = useCallback(async ({ spec, file, confirmProduction }: BulkStartOptions) => {
    setArrival(null);
    try {
      const created = await invoke('ingest:bulkCreate', {
        ...spec,
        ...(confirmProduction ? { confirmProduction } : {}),
      });
      jobId.current = created.jobId;
      if (file) {
        const controller = new AbortController();
        upload.current = controller;
        setState({ phase: 'uploading', jobId: created.jobId, bytes: 0, size: file.size });
        await uploadFile(
          created.jobId,
          file,
          (bytes) => setState({ phase: 'uploading', jobId: created.jobId, bytes, size: file.size }),
          controller.signal,
        );
        if (controller.signal.aborted) return;
      }
      const view = await invoke('ingest:bulkStart', { jobId: created.jobId });
      // A progress event may already have overtaken this answer.
      setState((s) => (s.phase === 'job' && s.view.jobId === view.jobId ? s : { phase: 'job', view }));
    } catch (err) {
      setState({ phase: 'failed', message: message(err) });
    }
  }, []);

  /** Desktop: main asks for the file, copies it into the outbox and the job starts. */
  const startPicked = useCallback(async (request: BulkPickFileRequest) => {
    setArrival(null);
    try {
      const picked = await invoke('ingest:bulkPickFile', request);
      if (picked.kind === 'cancelled') return;
      jobId.current = picked.job.jobId;
      setState({ phase: 'job', view: picked.job });
      const view = await invoke('ingest:bulkStart', { jobId: picked.job.jobId });
      // A progress event may already have overtaken this answer (the picked view says 'receiving').
      setState((s) =>
        s.phase === 'job' && s.view.jobId === view.jobId && s.view.state !== 'receiving'
          ? s
          : { phase: 'job', view },
      );
    } catch (err) {
      setState({ phase: 'failed', message: message(err) });
    }
  }, []);

  /** Stops the current job but keeps it: it joins the unfinished jobs, to resume later. */
  const pause = useCallback(async () => {
    const id = jobId.current;
    if (!id) return;
    try {
      const view = await invoke('ingest:bulkPause', { jobId: id });
      jobId.current = null;
      setState({ phase: 'job', view });
      refresh();
    } catch (err) {
      setState({ phase: 'failed', message: message(err) });
    }
  }, [refresh]);

  const discard = useCallback(async (id: string) => {
    try {
      await invoke('ingest:bulkDiscard', { jobId: id });
      setEarlier((jobs) => jobs.filter((j) => j.jobId !== id));
    } catch (err) {
      setState({ phase: 'failed', message: message(err) });
    }
  }, []);

  const cancel = useCallback(async () => {
    const id = jobId.current;
    if (!id) return;
    upload.current?.abort();
    try {
      setState({ phase: 'job', view: await invoke('ingest:bulkCancel', { jobId: id }) });
    } catch (err) {
      setState({ phase: 'failed', message: message(err) });
    }
  }, []);

  const resume = useCallback(async (id: string) => {
    jobId.current = id;
    setArrival(null);
    setEarlier((jobs) => jobs.filter((j) => j.jobId !== id));
    try {
      setState({ phase: 'job', view: await invoke('ingest:bulkStart', { jobId: id }) });
    } catch (err) {
      setState({ phase: 'failed', message: message(err) });
    }
  }, []);

  const verify = useCallback(async () => {
    const id = jobId.current;
    if (!id) return;
    setArrival(null);
    try {
      setArrival(await invoke('ingest:bulkVerify', { jobId: id }));
    } catch (err) {
      setArrival({ error: err instanceof Error ? err.message : String(err) });
    }
  }, []);

  return { state, arrival, earlier, desktop, start, startPicked, pause, cancel, resume, discard, verify };
}
