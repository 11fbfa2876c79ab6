/** Monaco completion over src-shared/dql/completion.ts. */
import { complete } from '../../src-shared/dql/completion';
import type { CompletionKind } from '../../src-shared/dql/completion';
import { monaco } from './monaco';
import { dqlService } from './language-service';
import { toRange } from './positions';

const KINDS: Readonly<Record<CompletionKind, monaco.languages.CompletionItemKind>> = {
  command: monaco.languages.CompletionItemKind.Keyword,
  function: monaco.languages.CompletionItemKind.Function,
  field: monaco.languages.CompletionItemKind.Field,
  parameter: monaco.languages.CompletionItemKind.Property,
  dataObject: monaco.languages.CompletionItemKind.Module,
  keyword: monaco.languages.CompletionItemKind.Keyword,
  value: monaco.languages.CompletionItemKind.EnumMember,
};

export const completionProvider: monaco.languages.CompletionItemProvider = {
  triggerCharacters: [' ', '(', ',', ':', '{', '['],
  provideCompletionItems(model, position, context) {
    const analysis = dqlService.analysis(model);
    const result = complete(analysis, model.getOffsetAt(position));
    // A space after a finished operand would pop a list of operators at every word: only list
    // them when asked (Ctrl+Space) or while a word is typed.
    const typedSpace = context.triggerCharacter === ' ';
    const items = typedSpace ? result.items.filter((i) => i.kind !== 'keyword') : result.items;
    const range = toRange(model, { start: result.from, end: result.to });
    return {
      suggestions: items.map((i) => ({
        label: i.label,
        kind: KINDS[i.kind],
        insertText: i.insertText,
        ...(i.insertText.includes('$0')
          ? { insertTextRules: monaco.languages.CompletionItemInsertTextRule.InsertAsSnippet }
          : {}),
        ...(i.detail ? { detail: i.detail } : {}),
        ...(i.documentation ? { documentation: i.documentation } : {}),
        sortText: i.sortText,
        range,
        // Re-open the list after commands and parameter names, where the next thing is a choice.
        ...(i.kind === 'command' || i.kind === 'parameter'
          ? { command: { id: 'editor.action.triggerSuggest', title: 'Suggest' } }
          : {}),
      })),
    };
  },
};
