/** The contract's handlers: thin adapters from IPC requests to services. */
import type { AppInfo } from '../../src-shared/ipc/contract';
import type { Handlers } from '../ipc/handler-types';
import type { EnvironmentService } from '../services/environments';
import type { IngestService } from '../services/ingest-service';
import type { QueryService } from '../services/query-service';
import type { SecretBackend } from '../services/secret-backend';

export interface HandlerDeps {
  info: Omit<AppInfo, 'secretBackend'>;
  secrets: SecretBackend;
  environments: EnvironmentService;
  queries: QueryService;
  ingest: IngestService;
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
    'query:execute': (req, ctx) => d.queries.execute(req, ctx),
    'query:cancel': async (req) => ({ cancelled: d.queries.cancel(req.requestId) }),
    'ingest:send': (req, ctx) => d.ingest.send(req, ctx.signal),
  };
}
