/**
 * Environment profiles and their live state: the built-in "Local sandbox" plus tenant profiles.
 * Everything that talks to an environment goes through connect(id, purpose) → Connection.
 * The renderer learns about secrets only `{configured, tokenIdentifier}`.
 */
import { AppError } from '../../src-shared/errors';
import type {
  EnvironmentList,
  EnvironmentSummary,
  ProfileDraft,
  ProfileView,
} from '../../src-shared/ipc/contract';
import type { HttpSend } from '../platform/http';
import type { EnvironmentProfile, SettingsFile } from '../platform/settings-file';
import { parseCaCertificates, type TrustStore } from '../platform/tls-trust';
import type { Connection } from './connection';
import type { EventBus } from './event-bus';
import {
  APP_SCOPES,
  LocalSandbox,
  SANDBOX_ENVIRONMENT_ID,
  generateClientId,
  secretAccount,
} from './local-sandbox';
import { exportProfiles, parseImport } from './profile-transfer';
import { ProfileSecrets } from './profile-secrets';
import { deriveOrThrow, validateDraft } from './profile-validation';
import { ProfileStore } from './profiles';
import type { SecretBackend } from './secret-backend';
import { scopesFor, tenantConnection, type Purpose } from './tenant-connection';
import { TokenCache } from './token-cache';
import { OAuthTokenProvider } from './token-provider';
import { assertWriteAllowed } from './write-guard';

export interface DiagnosticsTarget {
  name: string;
  authKind: EnvironmentProfile['authKind'];
  safety: NonNullable<EnvironmentProfile['safety']>;
  classicBase: string;
  platformBase: string | null;
  tokenUrl?: string;
  clientId?: string;
  resource?: string;
  scopes: string[];
  tokenIdentifier: string | null;
  readSecret(): Promise<string | null>;
}

export class EnvironmentService {
  private readonly sandbox: LocalSandbox;
  private readonly tokens: TokenCache;
  readonly secrets: ProfileSecrets;
  /** Which tenant profiles have a stored secret (list() is synchronous; refreshed on every change). */
  private readonly configured = new Set<string>();

  private constructor(
    private readonly profiles: ProfileStore,
    private readonly backend: SecretBackend,
    private readonly http: HttpSend,
    private readonly bus: EventBus,
    dataDir: string,
    private readonly trust: TrustStore | null,
  ) {
    const profile = profiles.find(SANDBOX_ENVIRONMENT_ID);
    this.sandbox = new LocalSandbox(dataDir, profile?.clientId ?? generateClientId(), () => this.changed());
    this.tokens = new TokenCache(() => this.changed());
    this.secrets = new ProfileSecrets(() => backend.current());
  }

  static async open(deps: {
    file: SettingsFile;
    secrets: SecretBackend;
    http: HttpSend;
    bus: EventBus;
    dataDir: string;
    /** Where profiles register their custom CA certificates for the HTTP client. */
    trust?: TrustStore;
  }): Promise<EnvironmentService> {
    const profiles = await ProfileStore.open(deps.file);
    const service = new EnvironmentService(
      profiles,
      deps.secrets,
      deps.http,
      deps.bus,
      deps.dataDir,
      deps.trust ?? null,
    );
    for (const p of profiles.all()) service.registerTrust(p);
    await service.ensureSandboxProfile();
    await service.refreshSecretState();
    return service;
  }

  /** The embedded sandbox (data management reaches its admin hook through this). */
  get localSandbox(): LocalSandbox {
    return this.sandbox;
  }

  /** Starts the local sandbox when a credential store is available (now or after the user's choice). */
  async startSandbox(): Promise<void> {
    const store = this.backend.current();
    if (!store) return;
    await this.refreshSecretState();
    await this.sandbox.start(store);
  }

  list(): EnvironmentList {
    const environments = this.profiles.all().map((p) => this.summary(p));
    return { environments, selectedId: this.profiles.selectedId() };
  }

  async get(id: string): Promise<ProfileView> {
    return this.view(this.profiles.get(id));
  }

  async save(draft: ProfileDraft): Promise<ProfileView> {
    if (draft.id === SANDBOX_ENVIRONMENT_ID)
      throw new AppError('READ_ONLY_PROFILE', 'The local sandbox is set up by Bizlens and cannot be edited.');
    const previous = draft.id ? this.profiles.get(draft.id) : undefined;
    const checked = validateDraft(draft);
    const id = previous?.id ?? this.profiles.newId();
    const kindChanged = previous !== undefined && previous.authKind !== checked.profile.authKind;
    // Secret first: if the credential store refuses it, nothing is saved.
    if (checked.secret !== undefined) await this.secrets.write(id, checked.profile.authKind, checked.secret);
    if (kindChanged) await this.secrets.deleteAll(id, checked.profile.authKind);
    const tokenIdentifier =
      checked.secret !== undefined
        ? checked.tokenIdentifier
        : kindChanged
          ? undefined
          : previous?.tokenIdentifier;
    const profile: EnvironmentProfile = {
      id,
      ...checked.profile,
      ...(tokenIdentifier ? { tokenIdentifier } : {}),
    };
    await this.profiles.put(profile);
    this.registerTrust(profile);
    if (checked.secret !== undefined) this.configured.add(id);
    else if (kindChanged) this.configured.delete(id);
    this.tokens.drop(id);
    this.changed();
    return this.view(profile);
  }

  async remove(id: string): Promise<EnvironmentList> {
    if (id === SANDBOX_ENVIRONMENT_ID)
      throw new AppError('READ_ONLY_PROFILE', 'The local sandbox is part of Bizlens and cannot be removed.');
    this.profiles.get(id);
    await this.secrets.deleteAll(id);
    this.tokens.drop(id);
    this.configured.delete(id);
    await this.profiles.remove(id);
    this.trust?.set(id, [], null);
    this.changed();
    return this.list();
  }

  async select(id: string): Promise<EnvironmentList> {
    await this.profiles.select(id);
    this.changed();
    return this.list();
  }

  /** Forget a profile's stored secret, or only its cached access token. */
  async reset(id: string, what: 'secret' | 'token'): Promise<ProfileView> {
    const profile = this.profiles.get(id);
    this.tokens.drop(id);
    if (what === 'secret') {
      if (id === SANDBOX_ENVIRONMENT_ID)
        throw new AppError('READ_ONLY_PROFILE', "The local sandbox's secret is managed by Bizlens.");
      await this.secrets.deleteAll(id);
      this.configured.delete(id);
      const { tokenIdentifier: _dropped, ...rest } = profile;
      await this.profiles.put(rest);
    }
    this.changed();
    return this.view(this.profiles.get(id));
  }

  exportProfiles(): { text: string; count: number } {
    return exportProfiles(this.profiles.all());
  }

  async importProfiles(text: string): Promise<{
    imported: { id: string; name: string }[];
    skipped: { name: string; reason: string }[];
  }> {
    const { drafts, skipped } = parseImport(text);
    const imported: { id: string; name: string }[] = [];
    for (const { draft } of drafts) {
      try {
        const view = await this.save({ ...draft, name: this.uniqueName(draft.name) });
        imported.push({ id: view.id, name: view.name });
      } catch (err) {
        skipped.push({ name: draft.name, reason: err instanceof AppError ? err.message : 'invalid entry' });
      }
    }
    return { imported, skipped };
  }

  /** Refuses writes that the environment's safety level does not allow (see write-guard.ts). */
  assertWriteAllowed(id: string, confirmedProduction: boolean): void {
    const profile = this.profiles.get(id);
    assertWriteAllowed(profile, confirmedProduction);
  }

  authKindOf(id: string): EnvironmentProfile['authKind'] {
    return this.profiles.get(id).authKind;
  }

  /** What diagnostics need to know about one environment; the secret only through readSecret(). */
  diagnosticsTarget(id: string): DiagnosticsTarget {
    const p = this.profiles.get(id);
    if (p.kind === 'sandbox') {
      const url = this.sandbox.state.url;
      if (!url)
        throw new AppError('ENVIRONMENT_NOT_READY', 'The local sandbox is not running yet.', {}, true);
      return {
        name: p.name,
        authKind: 'oauth',
        safety: p.safety ?? 'normal',
        classicBase: url,
        platformBase: url,
        tokenUrl: `${url}/sso/oauth2/token`,
        clientId: this.sandbox.clientId,
        scopes: [...APP_SCOPES],
        tokenIdentifier: null,
        readSecret: async () => (await this.backend.current()?.get(secretAccount(id))) ?? null,
      };
    }
    const urls = deriveOrThrow(p.url ?? '');
    return {
      name: p.name,
      authKind: p.authKind,
      safety: p.safety ?? 'normal',
      classicBase: urls.classicBase,
      platformBase: urls.platformBase,
      ...(p.authKind === 'oauth'
        ? {
            tokenUrl: p.tokenUrl ?? '',
            clientId: p.clientId ?? '',
            ...(p.resource ? { resource: p.resource } : {}),
          }
        : {}),
      scopes: p.scopes ?? [],
      tokenIdentifier: p.tokenIdentifier ?? null,
      readSecret: () => this.secrets.read(id, p.authKind),
    };
  }

  async connect(environmentId: string, purpose: Purpose = 'query'): Promise<Connection> {
    const profile = this.profiles.get(environmentId);
    if (profile.kind === 'tenant') {
      return tenantConnection(profile, purpose, {
        secrets: this.secrets,
        http: this.http,
        tokens: this.tokens,
      });
    }
    const state = this.sandbox.state;
    if (state.status !== 'ready' || !state.url) {
      throw new AppError(
        'ENVIRONMENT_NOT_READY',
        state.message ?? `The local sandbox is ${state.status}.`,
        {},
        true,
      );
    }
    const store = this.backend.current();
    if (!store) throw new AppError('SECRET_STORE_UNAVAILABLE', 'No place to read secrets from.');
    const baseUrl = state.url;
    const provider = this.tokens.provider(
      environmentId,
      purpose,
      (onChange) =>
        new OAuthTokenProvider(
          {
            tokenUrl: `${baseUrl}/sso/oauth2/token`,
            clientId: this.sandbox.clientId,
            scopes: scopesFor(profile.name, APP_SCOPES, purpose),
            readSecret: () => store.get(secretAccount(environmentId)),
          },
          this.http,
          Date.now,
          onChange,
        ),
    );
    return {
      environmentId,
      platformBaseUrl: baseUrl,
      ingestPath: '/platform/classic/environment-api/v2/bizevents/ingest',
      authorization: async () => `Bearer ${await provider.token()}`,
      onUnauthorized: () => provider.invalidate(),
    };
  }

  async dispose(): Promise<void> {
    await this.sandbox.stop();
  }

  private summary(p: EnvironmentProfile): EnvironmentSummary {
    const expiresAt = this.tokens.expiresAt(p.id);
    const common = {
      id: p.id,
      name: p.name,
      authKind: p.authKind,
      color: p.color ?? (p.kind === 'sandbox' ? 'green' : 'gray'),
      safety: p.safety ?? 'normal',
      ...(p.tokenIdentifier ? { tokenIdentifier: p.tokenIdentifier } : {}),
      ...(expiresAt !== null ? { tokenExpiresAt: expiresAt } : {}),
    } as const;
    if (p.kind === 'sandbox') {
      const s = this.sandbox.state;
      return {
        ...common,
        kind: 'sandbox',
        url: s.url ?? '',
        secretConfigured: s.status === 'ready',
        status: s.status,
        ...(s.message ? { statusMessage: s.message } : {}),
      };
    }
    const configured = this.configured.has(p.id);
    const failure = configured ? this.tokens.failure(p.id) : null;
    return {
      ...common,
      kind: 'tenant',
      url: p.url ?? '',
      secretConfigured: configured,
      // A saved secret is usable, not proof the tenant answers: say whether sign-in happened.
      status: !configured ? 'needs-secret' : failure !== null ? 'error' : 'ready',
      statusMessage: !configured
        ? 'Add its secret under Connections.'
        : p.authKind === 'apiToken'
          ? 'API token: sending events only'
          : failure !== null
            ? `Sign-in failed: ${failure}`
            : expiresAt === null
              ? 'not signed in yet'
              : undefined,
    };
  }

  private view(p: EnvironmentProfile): ProfileView {
    const sandboxUrl = this.sandbox.state.url;
    const urls =
      p.kind === 'sandbox'
        ? { kind: 'custom' as const, classicBase: sandboxUrl ?? '', platformBase: sandboxUrl ?? null }
        : deriveOrThrow(p.url ?? '');
    const summary = this.summary(p);
    return {
      id: p.id,
      name: p.name,
      kind: p.kind,
      url: summary.url,
      authKind: p.authKind,
      ...(p.clientId ? { clientId: p.clientId } : {}),
      scopes: p.scopes ?? [],
      ...(p.resource ? { resource: p.resource } : {}),
      ...(p.tokenUrl ? { tokenUrl: p.tokenUrl } : {}),
      ...(p.caCertificate ? { caCertificate: p.caCertificate } : {}),
      caCertificates: caInfo(p.caCertificate),
      color: summary.color ?? 'gray',
      safety: summary.safety ?? 'normal',
      secret: { configured: summary.secretConfigured, tokenIdentifier: p.tokenIdentifier ?? null },
      derived: { kind: urls.kind, classicBase: urls.classicBase, platformBase: urls.platformBase },
    };
  }

  /** The profile's CA applies to every host it talks to: API bases and the token endpoint. */
  private registerTrust(p: EnvironmentProfile): void {
    if (!this.trust || p.kind !== 'tenant') return;
    const hosts: string[] = [];
    const urls = p.url ? deriveEnvironmentUrlsOrNull(p.url) : null;
    for (const url of [urls?.classicBase, urls?.platformBase, p.tokenUrl]) {
      if (!url) continue;
      try {
        hosts.push(new URL(url).host);
      } catch {
        // Stored URLs were validated on save.
      }
    }
    this.trust.set(p.id, hosts, p.caCertificate ?? null);
  }

  private uniqueName(name: string): string {
    const taken = new Set(this.profiles.all().map((p) => p.name));
    if (!taken.has(name)) return name;
    for (let i = 2; ; i++) if (!taken.has(`${name} (${i})`)) return `${name} (${i})`.slice(0, 200);
  }

  private async refreshSecretState(): Promise<void> {
    for (const p of this.profiles.all()) {
      if (p.kind !== 'tenant') continue;
      if (await this.secrets.has(p.id, p.authKind).catch(() => false)) this.configured.add(p.id);
      else this.configured.delete(p.id);
    }
  }

  private async ensureSandboxProfile(): Promise<void> {
    if (this.profiles.find(SANDBOX_ENVIRONMENT_ID)) return;
    await this.profiles.put(
      {
        id: SANDBOX_ENVIRONMENT_ID,
        name: 'Local sandbox',
        kind: 'sandbox',
        authKind: 'oauth',
        clientId: this.sandbox.clientId,
        scopes: [...APP_SCOPES],
        color: 'green',
        safety: 'normal',
      },
      { first: true },
    );
    if (this.profiles.selectedId() === null) await this.profiles.select(SANDBOX_ENVIRONMENT_ID);
  }

  private changed(): void {
    this.bus.emit('environments:changed', this.list());
  }
}

function deriveEnvironmentUrlsOrNull(url: string): ReturnType<typeof deriveOrThrow> | null {
  try {
    return deriveOrThrow(url);
  } catch {
    return null;
  }
}

function caInfo(pem: string | undefined): ProfileView['caCertificates'] {
  if (!pem) return [];
  const r = parseCaCertificates(pem);
  return r.ok ? r.certificates : [];
}
