/** One bulk job at a time from the composer: create, upload (files), start, follow, cancel, verify. */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { BulkArrival, BulkJobSpec, BulkJobView } from '../../../src-shared/ipc/contract';
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

export function useBulkJob() {
  const [state, setState] = useState<BulkPhase>({ phase: 'idle' });
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

  // Jobs of earlier sessions that did not finish (a crash, a quit, a lost network) can be resumed.
  const refresh = useCallback(() => {
    invoke('ingest:bulkList', {})
      .then(({ jobs }) =>
        setEarlier(
          jobs.filter((j) => j.jobId !== jobId.current && ['sending', 'paused', 'failed'].includes(j.state)),
        ),
      )
      .catch(() => undefined);
  }, []);
  useEffect(refresh, [refresh]);

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
      setState({ phase: 'failed', message: err instanceof Error ? err.message : String(err) });
    }
  }, []);

  const cancel = useCallback(async () => {
    const id = jobId.current;
    if (!id) return;
    upload.current?.abort();
    try {
      setState({ phase: 'job', view: await invoke('ingest:bulkCancel', { jobId: id }) });
    } catch (err) {
      setState({ phase: 'failed', message: err instanceof Error ? err.message : String(err) });
    }
  }, []);

  const resume = useCallback(async (id: string) => {
    jobId.current = id;
    setArrival(null);
    setEarlier((jobs) => jobs.filter((j) => j.jobId !== id));
    try {
      setState({ phase: 'job', view: await invoke('ingest:bulkStart', { jobId: id }) });
    } catch (err) {
      setState({ phase: 'failed', message: err instanceof Error ? err.message : String(err) });
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

  return { state, arrival, earlier, start, cancel, resume, verify };
}
