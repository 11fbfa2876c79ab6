/**
 * Error bodies of the three API families, so every route answers in the shape its official SDK
 * parses: Environment API v2 `{error:{code,message}}`, Query API `{error:{code,message,details}}`,
 * bizevents `{errors:[…]}`, and OAuth `{error,error_description}`.
 */
import { toTokenPosition } from '../../src-shared/dql/source-span';
import type { QueryError } from '../../src-shared/dql/engine';
import type { BizEventIngestResult, QueryErrorEnvelope } from '../../src-shared/grail/wire';

export function environmentError(
  code: number,
  message: string,
): { error: { code: number; message: string } } {
  return { error: { code, message } };
}

export function ingestErrors(errors: BizEventIngestResult['errors']): BizEventIngestResult {
  return { errors };
}

export function queryApiError(
  code: number,
  message: string,
  details?: NonNullable<QueryErrorEnvelope['error']['details']>,
): QueryErrorEnvelope {
  return { error: details ? { code, message, details } : { code, message } };
}

/** A DQL error as Grail reports it: message = errorType, positions 0-based index / 1-based line:column, inclusive end. */
export function dqlError(e: QueryError, query: string, queryId: string): QueryErrorEnvelope {
  return queryApiError(400, e.errorType, {
    errorType: e.errorType,
    exceptionType: e.exceptionType,
    errorMessage: e.message,
    errorMessageFormat: e.messageFormat,
    errorMessageFormatSpecifierTypes: [...e.argumentTypes],
    arguments: [...e.arguments],
    queryString: query,
    queryId,
    syntaxErrorPosition: toTokenPosition(query, e.span),
  });
}

export function oauthError(error: string, description: string): { error: string; error_description: string } {
  return { error, error_description: description };
}
