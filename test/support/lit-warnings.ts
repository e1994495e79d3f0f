// Loaded before every browser test file: the tests run Lit's development build, and any warning it gives
// (an update scheduled during an update, a property shadowed by a class field, ...) fails the run, so a
// mistake Lit can see is not left to production. Only the notice that dev mode is on is expected.
const issued = ((globalThis as { litIssuedWarnings?: Set<string> }).litIssuedWarnings ??= new Set());
issued.add('dev-mode');

const warn = console.warn.bind(console);
console.warn = (...args: unknown[]) => {
  warn(...args);
  const text = args.map(String).join(' ');
  // Lit's warnings each link their explanation on lit.dev.
  if (text.includes('lit.dev/msg/')) {
    setTimeout(() => {
      throw new Error(`Lit warned: ${text}`);
    });
  }
};
