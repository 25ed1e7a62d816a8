/**
 * Where the add-in is served. The sources (manifest.xml, the functions' @helpurl) name the
 * development server; a production build replaces that base URL by the production one, as
 * Microsoft's Excel-Custom-Functions-Shared template does with urlDev/urlProd.
 *
 * The production URL is a setting: `npm run build -- --env prodUrl=https://host/path/`, or
 * the environment variable KAM_PROD_URL. Without one, the build keeps the development URL.
 */
const DEV_URL = "https://localhost:3000/";

/** The production base URL from webpack's --env or KAM_PROD_URL, normalised to end in "/"; undefined when not set. */
function productionUrl(env = {}, environment = process.env) {
  const raw = (env.prodUrl ?? environment.KAM_PROD_URL ?? "").trim();
  if (raw === "") return undefined;
  let url;
  try {
    url = new URL(raw);
  } catch {
    throw new Error(`The production URL "${raw}" is not a URL; give one such as https://addin.example.com/kam/`);
  }
  if (url.protocol !== "https:") throw new Error(`The production URL "${raw}" must use https: Office loads add-ins over https only`);
  if (url.search || url.hash) throw new Error(`The production URL "${raw}" must not have a query or fragment; give the folder that holds the built files`);
  return url.href.endsWith("/") ? url.href : `${url.href}/`;
}

/** Replaces every occurrence of the development base URL in `text` by `baseUrl`. */
function withBaseUrl(text, baseUrl) {
  return text.split(DEV_URL).join(baseUrl);
}

module.exports = { DEV_URL, productionUrl, withBaseUrl };
