// Which language the widget speaks: its own `lang` attribute, else the closest ancestor's, else the
// browser's. English is in the bundle (its details in the chunks that show them: en-details.ts); the other
// languages are small chunks fetched when needed.
import { EN, type Strings } from './strings.ts';

const LOCALES: Record<string, () => Promise<{ default: Partial<Strings> }>> = {
  de: () => import('./locales/de.ts'),
  es: () => import('./locales/es.ts'),
  fr: () => import('./locales/fr.ts'),
  ja: () => import('./locales/ja.ts'),
  pt: () => import('./locales/pt.ts'),
};

export const LANGUAGES = ['en', ...Object.keys(LOCALES)];

/** The language for `element`: a supported primary subtag (`de` for `de-CH`), or `en`. An empty `lang` means unknown, so it is skipped. */
export function languageOf(element: Element): string {
  const tag = element.closest('[lang]:not([lang=""])')?.getAttribute('lang') || navigator.language || 'en';
  const primary = tag.toLowerCase().split('-')[0]!;
  return LANGUAGES.includes(primary) ? primary : 'en';
}

/** The strings of `language`, English where a translation lacks one. */
export async function stringsFor(language: string): Promise<Strings> {
  const load = LOCALES[language];
  return load ? { ...EN, ...(await load()).default } : EN;
}
