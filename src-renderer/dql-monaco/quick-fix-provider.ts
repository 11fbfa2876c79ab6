/**
 * Quick fixes: a diagnostic that knows its replacement (nearest command, function, parameter,
 * field or enum value) becomes a preferred code action on its marker.
 */
import { monaco } from './monaco';
import { dqlService } from './language-service';
import { DQL_MARKER_SOURCE } from './markers';
import { toRange } from './positions';

export const quickFixProvider: monaco.languages.CodeActionProvider = {
  provideCodeActions(model, range, context) {
    const analysis = dqlService.analysis(model);
    const actions: monaco.languages.CodeAction[] = [];
    for (const d of analysis.diagnostics) {
      if (d.suggestion === undefined) continue;
      const at = toRange(model, d);
      if (!monaco.Range.areIntersectingOrTouching(at, range)) continue;
      const marker = context.markers.find(
        (m) =>
          m.source === DQL_MARKER_SOURCE &&
          m.code === d.code &&
          m.startLineNumber === at.startLineNumber &&
          m.startColumn === at.startColumn,
      );
      actions.push({
        title: `Change to \`${d.suggestion}\``,
        kind: 'quickfix',
        isPreferred: true,
        ...(marker ? { diagnostics: [marker] } : {}),
        edit: {
          edits: [
            {
              resource: model.uri,
              versionId: model.getVersionId(),
              textEdit: { range: at, text: d.suggestion },
            },
          ],
        },
      });
    }
    return { actions, dispose: () => undefined };
  },
};
