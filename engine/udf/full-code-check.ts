/**
 * The full code check (JavaScript or TypeScript) as a module nothing imports statically, so
 * `loadCodeSyntaxCheck`'s dynamic import gives it, sucrase included, a chunk of its own.
 */
export { checkUserCode } from './compile.js';
