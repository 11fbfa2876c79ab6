/**
 * The naive renderer build `bench/dql-bundle.ts` compares against: the web edition's config with
 * all of `monaco-editor` (every language and contribution) loaded eagerly with the app shell.
 */
import { defineConfig, mergeConfig, type Plugin } from 'vite';
import web from '../vite.web.config';

const LAZY_EDITOR =
  /const DqlEditor = lazy\(\(\) => import\('\.\/DqlEditor'\)\.then\(\(m\) => \(\{ default: m\.DqlEditor \}\)\)\);/;

function naiveMonaco(): Plugin {
  return {
    name: 'bench-naive-monaco',
    enforce: 'pre',
    load(id) {
      if (!id.endsWith('/src-renderer/dql-monaco/monaco.ts')) return null;
      return [
        "import * as monaco from 'monaco-editor';",
        "import EditorWorker from 'monaco-editor/esm/vs/editor/editor.worker.js?worker';",
        'self.MonacoEnvironment = { getWorker: () => new EditorWorker() };',
        'export { monaco };',
      ].join('\n');
    },
    transform(code, id) {
      if (!id.endsWith('/src-renderer/features/query/QueryTab.tsx')) return null;
      if (!LAZY_EDITOR.test(code))
        throw new Error('QueryTab no longer loads DqlEditor lazily as the bench expects');
      return code.replace(LAZY_EDITOR, "import { DqlEditor } from './DqlEditor';");
    },
  };
}

export default mergeConfig(web, defineConfig({ plugins: [naiveMonaco()] }));
