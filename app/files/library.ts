/** The teaching library, bundled: every file in scenarios/, by name. */
const files = import.meta.glob<{ default: Record<string, unknown> }>('../../scenarios/*.json', { eager: true });

export interface LibraryEntry {
  file: string;
  name: string;
  data: Record<string, unknown>;
}

export const LIBRARY: LibraryEntry[] = Object.entries(files)
  .map(([path, module]) => ({
    file: path.split('/').pop()!.replace(/\.json$/, ''),
    name: typeof module.default.name === 'string' ? module.default.name : path,
    data: module.default,
  }))
  .sort((a, b) => (a.file === 'first-stream' ? -1 : b.file === 'first-stream' ? 1 : a.name.localeCompare(b.name)));
