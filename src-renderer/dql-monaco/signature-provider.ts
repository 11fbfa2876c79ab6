/** Monaco signature help over src-shared/dql/signature-help.ts. */
import { signatureAt } from '../../src-shared/dql/signature-help';
import type { monaco } from './monaco';
import { dqlService } from './language-service';

export const signatureHelpProvider: monaco.languages.SignatureHelpProvider = {
  signatureHelpTriggerCharacters: ['(', ','],
  signatureHelpRetriggerCharacters: [','],
  provideSignatureHelp(model, position) {
    const s = signatureAt(dqlService.analysis(model), model.getOffsetAt(position));
    if (!s) return null;
    return {
      value: {
        signatures: [
          {
            label: s.label,
            documentation: s.documentation,
            parameters: s.parameters.map((p) => ({
              label: [p.label[0], p.label[1]],
              documentation: p.detail,
            })),
          },
        ],
        activeSignature: 0,
        activeParameter: s.activeParameter,
      },
      dispose: () => undefined,
    };
  },
};
