import * as fs from 'node:fs';
import * as path from 'node:path';
import * as ts from 'typescript';

/*
 * No import cycle between the top-level folders ("rooms") of src/. A small parser rather than a
 * dependency-graph tool: TypeScript (already a dependency) finds every import, the check is twenty
 * lines, and the failure names the files that close the cycle. Files directly under src/ (main,
 * app.module, app.setup) are the composition root and may import any room; no room imports them.
 */
const SRC = path.resolve(__dirname, '../../src');

function sourceFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    return e.isDirectory() ? sourceFiles(full) : /\.(ts|mts)$/.test(e.name) ? [full] : [];
  });
}

function room(file: string): string | null {
  const rel = path.relative(SRC, file);
  return rel.startsWith('..') || !rel.includes(path.sep) ? null : rel.split(path.sep)[0];
}

function importsOf(file: string): string[] {
  const info = ts.preProcessFile(fs.readFileSync(file, 'utf8'), true, true);
  return info.importedFiles.map((f) => f.fileName).filter((spec) => spec.startsWith('.'));
}

/** room → room → example "from → to" file pair */
function roomGraph(): Map<string, Map<string, string>> {
  const graph = new Map<string, Map<string, string>>();
  for (const file of sourceFiles(SRC)) {
    const from = room(file);
    for (const spec of importsOf(file)) {
      const target = path.resolve(path.dirname(file), spec);
      const to = room(target);
      if (!to && !path.relative(SRC, target).startsWith('..') && from) throw new Error(`${file} imports the composition root (${spec})`);
      if (!from || !to || from === to) continue;
      if (!graph.has(from)) graph.set(from, new Map());
      if (!graph.get(from)!.has(to)) graph.get(from)!.set(to, `${path.relative(SRC, file)} → ${spec}`);
    }
  }
  return graph;
}

/** Every cycle found by a depth-first walk, as the list of rooms and the imports that close it. */
function cycles(graph: Map<string, Map<string, string>>): string[] {
  const found: string[] = [];
  const state = new Map<string, 'open' | 'done'>();
  const stack: string[] = [];
  const visit = (node: string) => {
    state.set(node, 'open');
    stack.push(node);
    for (const next of graph.get(node)?.keys() ?? []) {
      if (state.get(next) === 'open') {
        const loop = [...stack.slice(stack.indexOf(next)), next];
        found.push(loop.map((r, i) => (i ? `${graph.get(loop[i - 1])!.get(r)} [${r}]` : `[${r}]`)).join('\n  '));
      } else if (!state.has(next)) visit(next);
    }
    stack.pop();
    state.set(node, 'done');
  };
  for (const node of [...graph.keys()].sort()) if (!state.has(node)) visit(node);
  return found;
}

describe('architecture', () => {
  it('has no import cycle between the top-level folders of src/', () => {
    expect(cycles(roomGraph())).toEqual([]);
  });

  it('keeps src/common/ the lowest floor: it imports no other folder of src/', () => {
    expect([...(roomGraph().get('common')?.entries() ?? [])]).toEqual([]);
  });

  it('keeps src/jobs/ plumbing: it imports no feature', () => {
    const allowed = new Set(['common', 'config']);
    expect([...(roomGraph().get('jobs')?.entries() ?? [])].filter(([to]) => !allowed.has(to))).toEqual([]);
  });

  it('detects a cycle when there is one', () => {
    const graph = new Map([
      ['a', new Map([['b', 'a/x.ts → ../b/y']])],
      ['b', new Map([['a', 'b/y.ts → ../a/x']])],
    ]);
    expect(cycles(graph)).toHaveLength(1);
  });
});
