/**
 * "Test connection": URL, proxy, DNS, TLS, the stored secret, the token endpoint, each API the
 * app uses, scopes granted vs needed per feature with the IAM policy for what is missing, clock
 * skew, and a redacted report. Never throws for a failed check: failures are findings.
 */
import { FEATURE_SCOPES, policyFor } from '../../../src-shared/auth/scopes';
import { explainPrefix } from '../../../src-shared/auth/token-format';
import type { DiagnosticsReport, ScopeFinding } from '../../../src-shared/ipc/contract';
import type { HttpSend } from '../../platform/http';
import { nodeNetProbes, type NetProbes } from '../../platform/net-probes';
import { appProxyResolver, type ProxyResolver } from '../../platform/proxy-resolver';
import type { Connection } from '../connection';
import type { DiagnosticsTarget } from '../environments';
import type { Purpose } from '../tenant-connection';
import { checkIngestApi, checkQueryApi } from './api-checks';
import { Collector } from './collector';
import { checkNetwork, checkProxy, hostsOf } from './network-checks';
import { checkTokenEndpoint } from './oauth-checks';
import { reportText } from './report-text';

export interface DiagnosticsEnvironments {
  diagnosticsTarget(id: string): DiagnosticsTarget;
  connect(id: string, purpose: Purpose): Promise<Connection>;
}

export interface DiagnosticsOptions {
  probes?: NetProbes;
  now?: () => number;
  /** The HTTP client's resolver, so the report names the route really taken. */
  proxy?: ProxyResolver;
  /** The HTTP client's CA lists per host. */
  caFor?: (host: string) => readonly string[] | null;
}

const SKEW_WARN_SECONDS = 60;

export class DiagnosticsService {
  constructor(
    private readonly environments: DiagnosticsEnvironments,
    private readonly http: HttpSend,
    private readonly app: { version: string; edition: string },
    private readonly options: DiagnosticsOptions = {},
  ) {}

  async run(id: string, signal: AbortSignal): Promise<DiagnosticsReport> {
    const target = this.environments.diagnosticsTarget(id);
    const c = new Collector(this.options.now);
    const connect = (purpose: Purpose) => this.environments.connect(id, purpose);

    c.add(
      'url',
      'Environment URL',
      'ok',
      `Classic API ${target.classicBase}; platform ${target.platformBase ?? 'none (Managed: no platform APIs)'}.`,
    );
    const hosts = hostsOf([target.classicBase, target.platformBase, target.tokenUrl]);
    const { routes, proxy } = await checkProxy(hosts, this.options.proxy ?? appProxyResolver(null), c);
    await checkNetwork(hosts, this.options.probes ?? nodeNetProbes, c, {
      routes,
      caFor: this.options.caFor ?? (() => null),
    });

    const secret = await target.readSecret().catch(() => null);
    if (!secret) {
      c.add('secret', 'Stored secret', 'fail', 'No secret is stored for this environment. Add it and save.');
    } else {
      const what = target.tokenIdentifier ? explainPrefix(target.tokenIdentifier.split('.')[0]!) : null;
      c.add(
        'secret',
        'Stored secret',
        'ok',
        target.tokenIdentifier
          ? `${target.tokenIdentifier}.… ${what ?? '(unknown prefix)'}`
          : 'A secret is stored (not in the Dynatrace token format, so no identifier is shown).',
      );
      const tokenOk =
        target.authKind !== 'oauth' || (await checkTokenEndpoint(target, secret, this.http, c, signal));
      if (target.authKind !== 'oauth')
        c.add(
          'token',
          'Token endpoint',
          'skip',
          'Not used: this environment authenticates with a token directly.',
        );
      if (tokenOk) {
        await checkQueryApi(target, connect, this.http, c, signal);
        await checkIngestApi(target, connect, this.http, c, signal);
      } else {
        c.add('query', 'Query API (DQL)', 'skip', 'Not tried: no access token (see the token endpoint).');
        c.add(
          'ingest',
          'Ingest API (business events)',
          'skip',
          'Not tried: no access token (see the token endpoint).',
        );
      }
    }

    const skew = c.clockSkewSeconds();
    if (skew !== null)
      c.add(
        'clock',
        'Clock',
        Math.abs(skew) > SKEW_WARN_SECONDS ? 'warn' : 'ok',
        Math.abs(skew) > SKEW_WARN_SECONDS
          ? `This machine's clock is ${Math.abs(skew)} s ${skew > 0 ? 'behind' : 'ahead of'} the server: tokens and certificates may look invalid.`
          : `Within ${Math.max(1, Math.abs(skew))} s of the server's clock.`,
      );

    const missingScopes = [...c.missing];
    const report: Omit<DiagnosticsReport, 'report'> = {
      environmentId: id,
      checks: c.checks,
      scopes: scopeFindings(target, c),
      missingScopes,
      policy: policyFor(missingScopes),
      clockSkewSeconds: skew,
      proxy,
    };
    return { ...report, report: reportText(target, report, this.app, new Date(c.now())) };
  }
}

function scopeFindings(target: DiagnosticsTarget, c: Collector): ScopeFinding[] {
  return FEATURE_SCOPES.map((f) => {
    const status: ScopeFinding['status'] =
      target.authKind !== 'oauth'
        ? 'unknown'
        : c.missing.has(f.scope)
          ? 'missing'
          : !target.scopes.includes(f.scope)
            ? 'not-requested'
            : c.granted.has(f.scope)
              ? 'granted'
              : 'unknown';
    return { feature: f.feature, label: f.label, scope: f.scope, status };
  });
}
