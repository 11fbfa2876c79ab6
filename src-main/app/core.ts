/**
 * Builds the app's services and handlers. Shared by the Electron composition root and the web
 * edition host, so both run exactly the same main-side code.
 */
import { join } from 'node:path';
import type { Handlers } from '../ipc/handler-types';
import { createHttp, type HttpSend } from '../platform/http';
import { appProxyResolver, type ProxyResolver } from '../platform/proxy-resolver';
import { TrustStore } from '../platform/tls-trust';
import { DEFAULT_KEYCHAIN_SERVICE, probeKeychain, type KeychainProbe } from '../platform/keychain';
import { SettingsFile } from '../platform/settings-file';
import { ApiConsole } from '../services/api-console';
import { DiagnosticsService } from '../services/diagnostics/diagnostics-service';
import { EnvironmentService } from '../services/environments';
import { EventBus } from '../services/event-bus';
import { ArrivalService } from '../services/arrival-service';
import { IngestService } from '../services/ingest-service';
import { BulkService } from '../services/bulk/bulk-service';
import { Outbox } from '../services/bulk/outbox';
import { QueryService } from '../services/query-service';
import { SecretBackend } from '../services/secret-backend';
import { TemplateStore } from '../services/template-store';
import { QueryHistoryStore } from '../services/query-history';
import { CanaryProbe } from '../services/health/canary-probe';
import { HealthChecker } from '../services/health/health-checker';
import { QuerySettingsStore } from '../services/query-settings';
import { SavedQueryStore } from '../services/query-saved';
import { ResultParquetWriter } from '../services/result-parquet';
import { ResultPages } from '../services/result-pages';
import { SandboxDataService } from '../services/sandbox-data';
import { createHandlers } from './handlers';
import { APP_NAME, APP_VERSION } from './version';

export interface AppCoreOptions {
  dataDir: string;
  edition: 'desktop' | 'web';
  /** Keychain service name; tests pass their own namespace so real entries are never touched. */
  keychainService?: string;
  /** For tests: a prepared probe result instead of touching the OS keychain. */
  keychain?: KeychainProbe;
  http?: HttpSend;
  /** The OS proxy settings (Electron's session.resolveProxy); proxy variables win when set. */
  systemProxy?: ProxyResolver;
  /** Desktop: the native save dialog for exports (the web edition downloads in the browser). */
  saveDialog?: (defaultName: string) => Promise<string | undefined>;
  /** Desktop: the native open dialog for bulk files (the web edition uploads them). */
  openBulkFileDialog?: () => Promise<string | undefined>;
}

export interface AppCore {
  handlers: Handlers;
  bus: EventBus;
  /** Resolves when the embedded sandbox is ready (or could not start yet). */
  ready: Promise<void>;
  dispose(): Promise<void>;
}

export async function createAppCore(options: AppCoreOptions): Promise<AppCore> {
  // One resolver and one trust store for every outgoing call, so diagnostics report what is used.
  const proxy = appProxyResolver(options.systemProxy ?? null);
  const trust = new TrustStore();
  const caFor = (host: string) => trust.caFor(host);
  const http = options.http ?? createHttp({ proxy, caFor });
  const bus = new EventBus();
  const service = options.keychainService ?? process.env.BIZLENS_KEYCHAIN_SERVICE ?? DEFAULT_KEYCHAIN_SERVICE;
  const secrets = new SecretBackend(options.keychain ?? (await probeKeychain(service)));
  const environments = await EnvironmentService.open({
    file: new SettingsFile(join(options.dataDir, 'settings.json')),
    secrets,
    http,
    bus,
    dataDir: options.dataDir,
    trust,
  });
  const queries = new QueryService((id) => environments.connect(id, 'query'), http);
  const ingest = new IngestService((id) => environments.connect(id, 'ingest'), http);
  const arrivals = new ArrivalService(queries);
  const bulk = new BulkService({
    outbox: new Outbox(join(options.dataDir, 'outbox')),
    connect: (id) => environments.connect(id, 'ingest'),
    http,
    emit: (view) => bus.emit('ingest:bulkProgress', view),
    assertWriteAllowed: (id, confirmed) => environments.assertWriteAllowed(id, confirmed),
    queries,
  });
  const health = new HealthChecker(queries);
  const canary = new CanaryProbe({
    send: (req, signal) => ingest.send(req, signal),
    confirmArrival: (req, ctx) => arrivals.confirmArrival(req, ctx),
    assertWriteAllowed: (id, confirmed) => environments.assertWriteAllowed(id, confirmed),
    publish: (run) => bus.emit('health:canaryResult', run),
  });
  const resultExports = new ResultParquetWriter();
  const resultPages = new ResultPages();
  const handlers = createHandlers({
    info: { name: APP_NAME, version: APP_VERSION, edition: options.edition },
    secrets,
    environments,
    // Each action connects with its own minimal scopes (reads for queries, the write scope for ingest).
    queries,
    ingest,
    bulk,
    arrivals,
    templates: new TemplateStore(join(options.dataDir, 'templates.json')),
    history: new QueryHistoryStore(join(options.dataDir, 'query-history.json')),
    querySettings: new QuerySettingsStore(join(options.dataDir, 'query-settings.json')),
    savedQueries: new SavedQueryStore(join(options.dataDir, 'saved-queries.json')),
    console: new ApiConsole(environments, http),
    diagnostics: new DiagnosticsService(
      environments,
      http,
      {
        version: APP_VERSION,
        edition: options.edition,
      },
      { proxy, caFor },
    ),
    health,
    canary,
    healthReport: {
      checker: health,
      canary,
      environment: (id) => environments.list().environments.find((e) => e.id === id),
      app: { name: APP_NAME, version: APP_VERSION, edition: options.edition },
    },
    resultExports,
    resultPages,
    sandboxData: new SandboxDataService({
      sandbox: () => environments.localSandbox.server,
      send: (req, signal) => ingest.send(req, signal),
    }),
    ...(options.saveDialog ? { saveDialog: options.saveDialog } : {}),
    ...(options.openBulkFileDialog ? { openBulkFileDialog: options.openBulkFileDialog } : {}),
  });
  return {
    handlers,
    bus,
    // Bulk jobs interrupted by a crash or quit carry on once the environments (and sandbox) are up.
    ready: environments.startSandbox().then(async () => void (await bulk.resumePending())),
    dispose: async () => {
      canary.dispose();
      await bulk.dispose();
      await resultExports.dispose();
      resultPages.dispose();
      return environments.dispose();
    },
  };
}
