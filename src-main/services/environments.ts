/**
 * Environment profiles and their live state. For now the built-in "Local sandbox"; tenant profiles
 * (issue: connections) plug into the same connect() → Connection seam.
 */
import { AppError } from '../../src-shared/errors';
import type { EnvironmentList, EnvironmentSummary } from '../../src-shared/ipc/contract';
import type { HttpSend } from '../platform/http';
import type { Settings, SettingsFile } from '../platform/settings-file';
import type { Connection } from './connection';
import type { EventBus } from './event-bus';
import {
  APP_SCOPES,
  LocalSandbox,
  SANDBOX_ENVIRONMENT_ID,
  generateClientId,
  secretAccount,
} from './local-sandbox';
import type { SecretBackend } from './secret-backend';
import { OAuthTokenProvider } from './token-provider';

export class EnvironmentService {
  private readonly sandbox: LocalSandbox;
  private readonly tokens = new Map<string, OAuthTokenProvider>();

  private constructor(
    private settings: Settings,
    private readonly file: SettingsFile,
    private readonly secrets: SecretBackend,
    private readonly http: HttpSend,
    private readonly bus: EventBus,
    dataDir: string,
  ) {
    const profile = settings.environments.find((e) => e.id === SANDBOX_ENVIRONMENT_ID);
    this.sandbox = new LocalSandbox(dataDir, profile?.clientId ?? generateClientId(), () => this.changed());
  }

  static async open(deps: {
    file: SettingsFile;
    secrets: SecretBackend;
    http: HttpSend;
    bus: EventBus;
    dataDir: string;
  }): Promise<EnvironmentService> {
    const settings = await deps.file.read(() => ({
      version: 1,
      environments: [],
      selectedEnvironmentId: null,
    }));
    const service = new EnvironmentService(
      settings,
      deps.file,
      deps.secrets,
      deps.http,
      deps.bus,
      deps.dataDir,
    );
    await service.ensureSandboxProfile();
    return service;
  }

  /** Starts the local sandbox when a credential store is available (now or after the user's choice). */
  async startSandbox(): Promise<void> {
    const store = this.secrets.current();
    if (store) await this.sandbox.start(store);
  }

  list(): EnvironmentList {
    const environments: EnvironmentSummary[] = this.settings.environments.map((p) => {
      if (p.kind === 'sandbox') {
        const s = this.sandbox.state;
        return {
          id: p.id,
          name: p.name,
          kind: 'sandbox',
          url: s.url ?? '',
          authKind: 'oauth',
          secretConfigured: s.status === 'ready',
          status: s.status,
          ...(s.message ? { statusMessage: s.message } : {}),
        };
      }
      return {
        id: p.id,
        name: p.name,
        kind: 'tenant',
        url: p.url ?? '',
        authKind: p.authKind,
        secretConfigured: false,
        status: 'needs-secret',
      };
    });
    return { environments, selectedId: this.settings.selectedEnvironmentId };
  }

  async connect(environmentId: string): Promise<Connection> {
    if (environmentId !== SANDBOX_ENVIRONMENT_ID)
      throw new AppError('UNKNOWN_ENVIRONMENT', 'No such environment.');
    const state = this.sandbox.state;
    if (state.status !== 'ready' || !state.url) {
      throw new AppError(
        'ENVIRONMENT_NOT_READY',
        state.message ?? `The local sandbox is ${state.status}.`,
        {},
        true,
      );
    }
    const store = this.secrets.current();
    if (!store) throw new AppError('SECRET_STORE_UNAVAILABLE', 'No place to read secrets from.');
    const baseUrl = state.url;
    let provider = this.tokens.get(environmentId);
    if (!provider) {
      provider = new OAuthTokenProvider(
        {
          tokenUrl: `${baseUrl}/sso/oauth2/token`,
          clientId: this.sandbox.clientId,
          scopes: APP_SCOPES,
          readSecret: () => store.get(secretAccount(environmentId)),
        },
        this.http,
      );
      this.tokens.set(environmentId, provider);
    }
    const tokens = provider;
    return {
      environmentId,
      platformBaseUrl: baseUrl,
      ingestPath: '/platform/classic/environment-api/v2/bizevents/ingest',
      authorization: async () => `Bearer ${await tokens.token()}`,
      onUnauthorized: () => tokens.invalidate(),
    };
  }

  async dispose(): Promise<void> {
    await this.sandbox.stop();
  }

  private async ensureSandboxProfile(): Promise<void> {
    if (this.settings.environments.some((e) => e.id === SANDBOX_ENVIRONMENT_ID)) return;
    this.settings = {
      ...this.settings,
      environments: [
        {
          id: SANDBOX_ENVIRONMENT_ID,
          name: 'Local sandbox',
          kind: 'sandbox',
          authKind: 'oauth',
          clientId: this.sandbox.clientId,
          scopes: [...APP_SCOPES],
        },
        ...this.settings.environments,
      ],
      selectedEnvironmentId: this.settings.selectedEnvironmentId ?? SANDBOX_ENVIRONMENT_ID,
    };
    await this.file.write(this.settings);
  }

  private changed(): void {
    this.bus.emit('environments:changed', this.list());
  }
}
