// The host's language: its own `lang`, else the closest ancestor's, else the browser's. English is built in;
// the other languages are chunks fetched on first use, and the host renders again when they arrive.
import type { ReactiveController, ReactiveControllerHost } from 'lit';
import { languageOf, stringsFor } from '../i18n/locale.ts';
import { EN, type Strings } from '../i18n/strings.ts';

export class LanguageController implements ReactiveController {
  /** The strings of the language in use. */
  strings: Strings = EN;
  #language = 'en';
  #host: ReactiveControllerHost & Element;

  constructor(host: ReactiveControllerHost & Element) {
    this.#host = host;
    host.addController(this);
  }

  hostUpdate(): void {
    const language = languageOf(this.#host);
    if (language === this.#language) return;
    this.#language = language;
    void stringsFor(language).then((strings) => {
      if (this.#language !== language) return;
      this.strings = strings;
      this.#host.requestUpdate();
    });
  }
}
