/** The contract's handlers: thin adapters from IPC requests to services. */
import type { AppInfo } from '../../src-shared/ipc/contract';
import type { Handlers } from '../ipc/handler-types';
import type { EnvironmentService } from '../services/environments';
import type { ArrivalService } from '../services/arrival-service';
import type { IngestService } from '../services/ingest-service';
import type { BulkService } from '../services/bulk/bulk-service';
import { pickBulkFile, type OpenFileDialog } from '../services/bulk/bulk-file-pick';
import type { ApiConsole } from '../services/api-console';
import type { DiagnosticsService } from '../services/diagnostics/diagnostics-service';
import type { QueryService } from '../services/query-service';
import type { TemplateStore } from '../services/template-store';
import type { QueryHistoryStore } from '../services/query-history';
import type { QuerySettingsStore } from '../services/query-settings';
import type { SavedQueryStore } from '../services/query-saved';
import type { SecretBackend } from '../services/secret-backend';
import type { CanaryProbe } from '../services/health/canary-probe';
import type { HealthChecker } from '../services/health/health-checker';
import { healthReport, type HealthReportDeps } from '../services/health/health-report';
import { parquetBytes, saveParquetTo, type ResultParquetWriter } from '../services/result-parquet';
import type { ResultPages } from '../services/result-pages';
import type { SandboxDataService } from '../services/sandbox-data';

export interface HandlerDeps {
  info: Omit<AppInfo, 'secretBackend'>;
  secrets: SecretBackend;
  environments: EnvironmentService;
  queries: QueryService;
  ingest: IngestService;
  bulk: BulkService;
  arrivals: ArrivalService;
  templates: TemplateStore;
  history: QueryHistoryStore;
  querySettings: QuerySettingsStore;
  savedQueries: SavedQueryStore;
  diagnostics: DiagnosticsService;
  console: ApiConsole;
  health: HealthChecker;
  canary: CanaryProbe;
  healthReport: HealthReportDeps;
  resultExports: ResultParquetWriter;
  resultPages: ResultPages;
  sandboxData: SandboxDataService;
  /** Desktop only: the native save dialog (a path, or undefined when cancelled). */
  saveDialog?: (defaultName: string) => Promise<string | undefined>;
  /** Desktop only: the native open dialog for bulk files (the web edition uploads them). */
  openBulkFileDialog?: OpenFileDialog;
}

export function createHandlers(d: HandlerDeps): Handlers {
  return {
    'app:getInfo': async () => ({ ...d.info, secretBackend: d.secrets.status() }),
    'secrets:useSessionOnly': async () => {
      const status = d.secrets.useSessionOnly();
      void d.environments.startSandbox();
      return status;
    },
    'environments:list': async () => d.environments.list(),
    'sandbox:status': () => d.sandboxData.status(),
    'sandbox:loadSample': (req, ctx) => d.sandboxData.loadSample(req.dataSet, ctx.signal),
    'sandbox:clear': () => d.sandboxData.clear(),
    'sandbox:setFaults': (req) => d.sandboxData.setFaults(req.spec),
    'environments:get': (req) => d.environments.get(req.id),
    'environments:save': (req) => d.environments.save(req),
    'environments:remove': (req) => d.environments.remove(req.id),
    'environments:select': (req) => d.environments.select(req.id),
    'environments:resetSecret': (req) => d.environments.reset(req.id, req.what),
    'environments:export': async () => d.environments.exportProfiles(),
    'environments:import': (req) => d.environments.importProfiles(req.text),
    'environments:test': (req, ctx) => d.diagnostics.run(req.id, ctx.signal),
    'console:call': (req, ctx) => d.console.call(req, ctx.signal),
    // Big results go in pages (result-pages.ts), so no single message blocks the renderer.
    'query:execute': async (req, ctx) => d.resultPages.split(await d.queries.execute(req, ctx)),
    'query:cancel': async (req) => ({ cancelled: d.queries.cancel(req.requestId) }),
    'query:verify': (req, ctx) => d.queries.verify(req.environmentId, req.query, ctx.signal),
    'query:getSettings': (req) => d.querySettings.get(req.environmentId),
    'query:saveSettings': (req) => d.querySettings.save(req.environmentId, req.settings),
    'saved:list': (req) => d.savedQueries.list(req.environmentId),
    'saved:save': ({ viewer, ...input }) => d.savedQueries.save(input, viewer),
    'saved:remove': (req) => d.savedQueries.remove(req.id, req.environmentId),
    'ingest:send': async (req, ctx) => {
      // Safety levels are enforced here, in main, whatever the UI did.
      d.environments.assertWriteAllowed(req.environmentId, req.confirmProduction === true);
      return d.ingest.send(req, ctx.signal);
    },
    'ingest:countEvents': (req, ctx) => d.arrivals.countEvents(req, ctx.signal),
    'ingest:confirmArrival': (req, ctx) => d.arrivals.confirmArrival(req, ctx),
    'ingest:cancelArrival': async (req) => ({ cancelled: d.arrivals.cancel(req.requestId) }),
    'ingest:endpoint': (req) => d.ingest.endpoint(req.environmentId),
    'ingest:bulkCreate': ({ confirmProduction, ...spec }) => d.bulk.create(spec, confirmProduction === true),
    'ingest:bulkUpload': (req) => d.bulk.upload(req.jobId, req.offset, req.data),
    'ingest:bulkStart': (req) => d.bulk.start(req.jobId),
    'ingest:bulkCancel': (req) => d.bulk.cancel(req.jobId),
    'ingest:bulkPause': (req) => d.bulk.pause(req.jobId),
    'ingest:bulkDiscard': (req) => d.bulk.discard(req.jobId),
    'ingest:bulkPickFile': (req) => pickBulkFile(d.bulk, d.openBulkFileDialog, req),
    'ingest:bulkList': () => d.bulk.list(),
    'ingest:bulkVerify': (req, ctx) => d.bulk.verify(req.jobId, ctx.signal),
    'templates:list': () => d.templates.list(),
    'templates:save': (req) => d.templates.save(req),
    'templates:remove': (req) => d.templates.remove(req.id),
    'history:list': (req) => d.history.list(req.environmentId),
    'history:add': (req) => d.history.add(req),
    'history:star': (req) => d.history.star(req.id, req.starred),
    'health:run': (req, ctx) => d.health.run(req, ctx.signal),
    'health:cancel': async (req) => ({ cancelled: d.health.cancel(req.requestId) }),
    'health:report': async (req) => healthReport(d.healthReport, req.environmentId, req.format),
    // The probe checks the safety level itself (write-guard.ts), on every send, interval runs included.
    'health:canaryRun': (req) =>
      d.canary.run(req.environmentId, {
        trigger: 'manual',
        confirmedProduction: req.confirmProduction === true,
        ...(req.timeoutMs ? { timeoutMs: req.timeoutMs } : {}),
      }),
    'health:canarySchedule': async (req) =>
      d.canary.schedule(req.environmentId, req.intervalSeconds, req.confirmProduction === true),
    'health:canaryStatus': async (req) => d.canary.status(req.environmentId),
    'results:parquetBegin': async () => ({ exportId: await d.resultExports.begin() }),
    'results:parquetChunk': async (req) => ({
      records: await d.resultExports.append(req.exportId, req.ndjson),
    }),
    'results:parquetFinish': (req) =>
      d.resultExports.finish(req.exportId, req.columns, async (file) => {
        // The web edition has no native dialog: the bytes go back for a browser download.
        if (!d.saveDialog) return parquetBytes(file);
        const target = await d.saveDialog(req.fileName);
        return target ? saveParquetTo(file, target) : { kind: 'cancelled' as const };
      }),
    'results:page': async (req) => d.resultPages.page(req.pageId, req.offset, req.limit),
    'results:release': async (req) => {
      d.resultPages.release(req.pageId);
      return {};
    },
    'results:parquetAbort': async (req) => {
      await d.resultExports.abort(req.exportId);
      return {};
    },
  };
}
