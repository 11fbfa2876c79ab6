/** Format document over src-shared/dql/format-document.ts (whitespace and case only). */
import { formatDocument } from '../../src-shared/dql/format-document';
import type { monaco } from './monaco';

export const formatProvider: monaco.languages.DocumentFormattingEditProvider = {
  displayName: 'DQL',
  provideDocumentFormattingEdits(model) {
    const text = model.getValue();
    const formatted = formatDocument(text);
    if (formatted === undefined || formatted === text) return [];
    // Keep the user's choice about a final newline.
    const output = text.endsWith('\n') ? formatted : formatted.replace(/\n$/, '');
    return [{ range: model.getFullModelRange(), text: output }];
  },
};
