/** The contract's handlers: thin adapters from IPC requests to services. */
import type { AppInfo } from '../../src-shared/ipc/contract';
import type { Handlers } from '../ipc/handler-types';
import type { EnvironmentService } from '../services/environments';
import type { ArrivalService } from '../services/arrival-service';
import type { IngestService } from '../services/ingest-service';
import type { ApiConsole } from '../services/api-console';
import type { DiagnosticsService } from '../services/diagnostics/diagnostics-service';
import type { QueryService } from '../services/query-service';
import type { TemplateStore } from '../services/template-store';
import type { QueryHistoryStore } from '../services/query-history';
import type { SecretBackend } from '../services/secret-backend';

export interface HandlerDeps {
  info: Omit<AppInfo, 'secretBackend'>;
  secrets: SecretBackend;
  environments: EnvironmentService;
  queries: QueryService;
  ingest: IngestService;
  arrivals: ArrivalService;
  templates: TemplateStore;
  history: QueryHistoryStore;
  diagnostics: DiagnosticsService;
  console: ApiConsole;
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
    'environments:get': (req) => d.environments.get(req.id),
    'environments:save': (req) => d.environments.save(req),
    'environments:remove': (req) => d.environments.remove(req.id),
    'environments:select': (req) => d.environments.select(req.id),
    'environments:resetSecret': (req) => d.environments.reset(req.id, req.what),
    'environments:export': async () => d.environments.exportProfiles(),
    'environments:import': (req) => d.environments.importProfiles(req.text),
    'environments:test': (req, ctx) => d.diagnostics.run(req.id, ctx.signal),
    'console:call': (req, ctx) => d.console.call(req, ctx.signal),
    'query:execute': (req, ctx) => d.queries.execute(req, ctx),
    'query:cancel': async (req) => ({ cancelled: d.queries.cancel(req.requestId) }),
    'ingest:send': async (req, ctx) => {
      // Safety levels are enforced here, in main, whatever the UI did.
      d.environments.assertWriteAllowed(req.environmentId, req.confirmProduction === true);
      return d.ingest.send(req, ctx.signal);
    },
    'ingest:countEvents': (req, ctx) => d.arrivals.countEvents(req, ctx.signal),
    'ingest:confirmArrival': (req, ctx) => d.arrivals.confirmArrival(req, ctx),
    'ingest:cancelArrival': async (req) => ({ cancelled: d.arrivals.cancel(req.requestId) }),
    'ingest:endpoint': (req) => d.ingest.endpoint(req.environmentId),
    'templates:list': () => d.templates.list(),
    'templates:save': (req) => d.templates.save(req),
    'templates:remove': (req) => d.templates.remove(req.id),
    'history:list': (req) => d.history.list(req.environmentId),
    'history:add': (req) => d.history.add(req),
    'history:star': (req) => d.history.star(req.id, req.starred),
  };
}
