/** Monaco hover over src-shared/dql/hover.ts. */
import { hoverAt } from '../../src-shared/dql/hover';
import type { monaco } from './monaco';
import { dqlService } from './language-service';
import { toRange } from './positions';

export const hoverProvider: monaco.languages.HoverProvider = {
  provideHover(model, position) {
    const info = hoverAt(dqlService.analysis(model), model.getOffsetAt(position));
    if (!info) return null;
    return { range: toRange(model, info), contents: info.contents.map((value) => ({ value })) };
  },
};
