/**
 * The currency the pane proposes for amounts on the sheets: the one of the region of the
 * user's Office display language ("de-DE" → EUR, "en-GB" → GBP), from the country-to-currency
 * table (ISO 3166 region → ISO 4217 code). The user can change or clear it. No Office import.
 */
import countryToCurrency from "country-to-currency";

const byRegion: Readonly<Record<string, string>> = countryToCurrency;

/** The currency code of the locale's region; "" when the locale names none (or is not a locale). */
export function defaultCurrency(locale: string): string {
  // "en-US", "sr-Latn-RS": the region as written (no Intl call at start-up for these).
  let region = /^[a-z]{2,3}(?:-[a-z]{4})?-([a-z]{2})(?:-|$)/i.exec(locale)?.[1];
  if (!region) {
    try {
      region = new Intl.Locale(locale).maximize().region; // "de" → "de-Latn-DE"
    } catch {
      return "";
    }
  }
  return region ? (byRegion[region.toUpperCase()] ?? "") : "";
}
