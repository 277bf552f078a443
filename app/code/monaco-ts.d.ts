/** Monaco's bundled TypeScript and its lib files, which the type-check worker reuses (untyped in the package). */
declare module 'monaco-editor/languages/features/typescript/lib/lib' {
  export const libFileMap: Record<string, string>;
}
declare module 'monaco-editor/languages/features/typescript/lib/typescriptServices' {
  export const typescript: unknown;
}
