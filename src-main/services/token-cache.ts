/**
 * The in-memory OAuth token providers, one per profile and purpose. Dropped whenever a profile
 * changes or its secret is reset, so a stale token never outlives the configuration it came from.
 */
import type { OAuthTokenProvider } from './token-provider';

export class TokenCache {
  private readonly providers = new Map<string, OAuthTokenProvider>();

  constructor(private readonly onChange: () => void) {}

  provider(
    environmentId: string,
    purpose: string,
    create: (onChange: () => void) => OAuthTokenProvider,
  ): OAuthTokenProvider {
    const key = `${environmentId}\u0000${purpose}`;
    let provider = this.providers.get(key);
    if (!provider) {
      provider = create(this.onChange);
      this.providers.set(key, provider);
    }
    return provider;
  }

  /** Forget every cached token of one profile. Returns whether there was one. */
  drop(environmentId: string): boolean {
    let had = false;
    for (const [key, provider] of this.of(environmentId)) {
      had ||= provider.expiresAt() !== null;
      this.providers.delete(key);
    }
    if (had) this.onChange();
    return had;
  }

  /** The latest expiry among the profile's cached tokens (epoch ms), for the lifetime indicator. */
  expiresAt(environmentId: string): number | null {
    let latest: number | null = null;
    for (const [, provider] of this.of(environmentId)) {
      const at = provider.expiresAt();
      if (at !== null && (latest === null || at > latest)) latest = at;
    }
    return latest;
  }

  /** Why the profile's latest sign-in failed, when one of its tokens could not be had. */
  failure(environmentId: string): string | null {
    for (const [, provider] of this.of(environmentId)) {
      const failure = provider.lastFailure();
      if (failure !== null) return failure;
    }
    return null;
  }

  /** The profile's providers with their keys (deleting the current one while iterating is safe). */
  private *of(environmentId: string): Generator<[string, OAuthTokenProvider]> {
    for (const entry of this.providers) if (entry[0].startsWith(`${environmentId}\u0000`)) yield entry;
  }
}
