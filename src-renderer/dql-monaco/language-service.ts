/**
 * The renderer's handle on the DQL language service: analyses per Monaco model version (so
 * completion, hover and markers share one parse), and the schema each environment has taught it
 * through recent results. Thin: the language itself lives in src-shared/dql.
 */
import type { editor } from 'monaco-editor/esm/vs/editor/editor.api.js';
import { analyze } from '../../src-shared/dql/analyzer';
import type { Analysis } from '../../src-shared/dql/analyzer';
import type { RangedFieldTypes } from '../../src-shared/grail/wire';
import {
  DEFAULT_SCHEMA,
  fieldsFromResultTypes,
  learnableDataObject,
  withLearnedFields,
} from '../../src-shared/dql/schema';
import type { Schema } from '../../src-shared/dql/schema';

interface Cached {
  version: number;
  schema: Schema;
  analysis: Analysis;
}

class DqlLanguageService {
  private readonly schemas = new Map<string, Schema>();
  private readonly cache = new WeakMap<editor.ITextModel, Cached>();
  private readonly environments = new WeakMap<editor.ITextModel, string>();
  private readonly listeners = new Set<() => void>();

  /** Which environment's schema a model's queries are analyzed against. */
  bindModel(model: editor.ITextModel, environmentId: string | null): void {
    if (environmentId) this.environments.set(model, environmentId);
    else this.environments.delete(model);
    this.changed();
  }

  schemaFor(model: editor.ITextModel): Schema {
    const env = this.environments.get(model);
    return (env === undefined ? undefined : this.schemas.get(env)) ?? DEFAULT_SCHEMA;
  }

  analysis(model: editor.ITextModel): Analysis {
    const version = model.getVersionId();
    const schema = this.schemaFor(model);
    const hit = this.cache.get(model);
    if (hit && hit.version === version && hit.schema === schema) return hit.analysis;
    const analysis = analyze(model.getValue(), schema);
    this.cache.set(model, { version, schema, analysis });
    return analysis;
  }

  /**
   * Learns field names and types from a query's result, when its records are still records of
   * the fetched data object (no `fields`/`summarize`/`fieldsAdd` reshaped them).
   */
  learn(environmentId: string, query: string, types: readonly RangedFieldTypes[]): void {
    const dataObject = learnableDataObject(analyze(query).ast);
    if (!dataObject) return;
    const schema = this.schemas.get(environmentId) ?? DEFAULT_SCHEMA;
    this.schemas.set(environmentId, withLearnedFields(schema, dataObject, fieldsFromResultTypes(types)));
    this.changed();
  }

  /** Called when a schema changes, so markers can be recomputed; returns a disposer. */
  onDidChangeSchema(listener: () => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private changed(): void {
    for (const l of this.listeners) l();
  }
}

export const dqlService = new DqlLanguageService();
