/**
 * Builds the app's services and handlers. Shared by the Electron composition root and the web
 * edition host, so both run exactly the same main-side code.
 */
import { join } from 'node:path';
import type { Handlers } from '../ipc/handler-types';
import { sendHttp, type HttpSend } from '../platform/http';
import { DEFAULT_KEYCHAIN_SERVICE, probeKeychain, type KeychainProbe } from '../platform/keychain';
import { SettingsFile } from '../platform/settings-file';
import { ApiConsole } from '../services/api-console';
import { DiagnosticsService } from '../services/diagnostics/diagnostics-service';
import { EnvironmentService } from '../services/environments';
import { EventBus } from '../services/event-bus';
import { ArrivalService } from '../services/arrival-service';
import { IngestService } from '../services/ingest-service';
import { QueryService } from '../services/query-service';
import { SecretBackend } from '../services/secret-backend';
import { TemplateStore } from '../services/template-store';
import { QueryHistoryStore } from '../services/query-history';
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
}

export interface AppCore {
  handlers: Handlers;
  bus: EventBus;
  /** Resolves when the embedded sandbox is ready (or could not start yet). */
  ready: Promise<void>;
  dispose(): Promise<void>;
}

export async function createAppCore(options: AppCoreOptions): Promise<AppCore> {
  const http = options.http ?? sendHttp;
  const bus = new EventBus();
  const service = options.keychainService ?? process.env.BIZLENS_KEYCHAIN_SERVICE ?? DEFAULT_KEYCHAIN_SERVICE;
  const secrets = new SecretBackend(options.keychain ?? (await probeKeychain(service)));
  const environments = await EnvironmentService.open({
    file: new SettingsFile(join(options.dataDir, 'settings.json')),
    secrets,
    http,
    bus,
    dataDir: options.dataDir,
  });
  const queries = new QueryService((id) => environments.connect(id, 'query'), http);
  const handlers = createHandlers({
    info: { name: APP_NAME, version: APP_VERSION, edition: options.edition },
    secrets,
    environments,
    // Each action connects with its own minimal scopes (reads for queries, the write scope for ingest).
    queries,
    ingest: new IngestService((id) => environments.connect(id, 'ingest'), http),
    arrivals: new ArrivalService(queries),
    templates: new TemplateStore(join(options.dataDir, 'templates.json')),
    history: new QueryHistoryStore(join(options.dataDir, 'query-history.json')),
    console: new ApiConsole(environments, http),
    diagnostics: new DiagnosticsService(environments, http, {
      version: APP_VERSION,
      edition: options.edition,
    }),
  });
  return {
    handlers,
    bus,
    ready: environments.startSandbox(),
    dispose: () => environments.dispose(),
  };
}
