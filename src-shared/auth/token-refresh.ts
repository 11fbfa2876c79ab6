/**
 * A cached OAuth token is not used in its last this-many ms: the next request fetches a new one,
 * so a token never expires in flight. Shared so the top bar says the same as the provider does.
 */
export const TOKEN_REFRESH_MARGIN_MS = 30_000;
