/** The Fluent theme for the pane from the Office theme: dark or light, with Office's own body colours. */
import { type Theme, webDarkTheme, webLightTheme } from "@fluentui/react-components";

export interface OfficeThemeColors {
  bodyBackgroundColor?: string;
  bodyForegroundColor?: string;
  controlBackgroundColor?: string;
  controlForegroundColor?: string;
  isDarkTheme?: boolean;
}

/** Relative luminance of a #rrggbb colour (WCAG), or undefined for anything else. */
export function luminance(hex: string | undefined): number | undefined {
  const m = /^#?([0-9a-f]{6})$/i.exec(hex ?? "");
  if (!m) return undefined;
  const [r, g, b] = [0, 2, 4].map((i) => {
    const c = parseInt(m[1].slice(i, i + 2), 16) / 255;
    return c <= 0.03928 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  });
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

export function isDark(office: OfficeThemeColors | undefined): boolean {
  if (!office) return false;
  if (typeof office.isDarkTheme === "boolean") return office.isDarkTheme;
  const l = luminance(office.bodyBackgroundColor);
  return l !== undefined && l < 0.2;
}

/**
 * webLightTheme or webDarkTheme, with the body background and text of the Office theme when
 * they contrast enough (4.5:1) to keep text readable; otherwise Fluent's own.
 */
export function paneTheme(office: OfficeThemeColors | undefined): Theme {
  const dark = isDark(office);
  const base = dark ? webDarkTheme : webLightTheme;
  const bg = luminance(office?.bodyBackgroundColor);
  const fg = luminance(office?.bodyForegroundColor);
  if (bg === undefined || fg === undefined) return base;
  const contrast = (Math.max(bg, fg) + 0.05) / (Math.min(bg, fg) + 0.05);
  if (contrast < 4.5 || (dark ? bg > 0.2 : bg < 0.5)) return base;
  return { ...base, colorNeutralBackground1: office!.bodyBackgroundColor!, colorNeutralForeground1: office!.bodyForegroundColor! };
}
