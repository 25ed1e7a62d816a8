/**
 * manifest.xml: valid against Microsoft's add-in manifest XSDs (offline, the same check as
 * `npm run validate`), plus what the schema cannot see: shared-runtime settings, resource ids
 * that resolve, and URLs that point at files the build actually produces.
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { DEV_URL, productionUrl } from "../scripts/addin-urls.cjs";
import { MANIFEST_PATH, ROOT, validateManifestXml } from "../scripts/validate-manifest.mjs";

const manifest = readFileSync(MANIFEST_PATH, "utf8");
const BASE_URL = DEV_URL;

/** The attributes of every element named `tag` (prefix included), in document order. */
function attributesOf(xml: string, tag: string): Record<string, string>[] {
  const out: Record<string, string>[] = [];
  for (const m of xml.matchAll(new RegExp(`<${tag}\\b([^>]*?)/?>`, "g"))) {
    const attrs: Record<string, string> = {};
    for (const a of m[1].matchAll(/([\w:.-]+)="([^"]*)"/g)) attrs[a[1]] = a[2];
    out.push(attrs);
  }
  return out;
}

/** The content of the first <name>…</name> element. */
function section(xml: string, name: string): string {
  const m = xml.match(new RegExp(`<${name}\\b[^>]*>([\\s\\S]*?)</${name}>`));
  if (!m) throw new Error(`<${name}> not found`);
  return m[1];
}

/** Resource id → value, per resource kind. */
const resources = {
  images: new Map(attributesOf(section(manifest, "bt:Images"), "bt:Image").map((a) => [a.id, a.DefaultValue])),
  urls: new Map(attributesOf(section(manifest, "bt:Urls"), "bt:Url").map((a) => [a.id, a.DefaultValue])),
  shortStrings: new Map(attributesOf(section(manifest, "bt:ShortStrings"), "bt:String").map((a) => [a.id, a.DefaultValue])),
  longStrings: new Map(attributesOf(section(manifest, "bt:LongStrings"), "bt:String").map((a) => [a.id, a.DefaultValue])),
};

/** The webpack configuration for a build with these --env settings. */
async function webpackConfig(env: Record<string, unknown> = {}): Promise<Record<string, any>> { // eslint-disable-line @typescript-eslint/no-explicit-any
  const require = createRequire(import.meta.url);
  const configure = require(join(ROOT, "webpack.config.js")) as (env: object, argv: object) => Promise<Record<string, any>>; // eslint-disable-line @typescript-eslint/no-explicit-any
  return configure({ WEBPACK_BUILD: true, ...env }, { mode: "production" });
}

/** Files the webpack configuration writes to dist/, read from webpack.config.js itself. */
async function buildOutputs(): Promise<{ files: Set<string>; serverOptions: unknown }> {
  const config = await webpackConfig();
  const files = new Set<string>(Object.keys(config.entry).map((name) => `${name}.js`));
  for (const plugin of config.plugins) {
    const kind = plugin.constructor.name;
    if (kind === "HtmlWebpackPlugin") files.add(plugin.userOptions.filename);
    else if (kind === "CustomFunctionsMetadataPlugin") files.add(plugin.options.output);
    else if (kind === "CopyPlugin") {
      for (const { from, to } of plugin.patterns as { from: string; to: string }[]) {
        if (!from.includes("*")) {
          files.add(to);
          continue;
        }
        const slash = from.lastIndexOf("/");
        const dir = from.slice(0, slash);
        const pattern = new RegExp(`^${from.slice(slash + 1).replace(/\./g, "\\.").replace(/\*/g, ".*")}$`);
        for (const f of readdirSync(join(ROOT, dir)).filter((f) => pattern.test(f))) {
          const dot = f.lastIndexOf(".");
          files.add(to.replace("[name]", f.slice(0, dot)).replace("[ext]", f.slice(dot)));
        }
      }
    }
  }
  return { files, serverOptions: config.devServer?.server?.options };
}

describe("manifest.xml", () => {
  it("is valid against the add-in manifest schemas", async () => {
    const { valid, errors } = await validateManifestXml(manifest);
    expect(errors).toEqual([]);
    expect(valid).toBe(true);
  });

  it("fails validation when broken (the check can fail)", async () => {
    const withoutId = manifest.replace(/<Id>[^<]*<\/Id>/, "");
    expect(withoutId).not.toBe(manifest);
    const noId = await validateManifestXml(withoutId);
    expect(noId.valid).toBe(false);
    expect(noId.errors.join("\n")).toMatch(/Expected is .*Id/);

    const badVersion = await validateManifestXml(manifest.replace('<Set Name="SharedRuntime" MinVersion="1.1"/>', '<Set Name="SharedRuntime" MinVersion="one"/>'));
    expect(badVersion.valid).toBe(false);

    const notXml = await validateManifestXml(manifest.replace("</OfficeApp>", ""));
    expect(notXml.valid).toBe(false);
  });

  it("has a GUID id and the product names", () => {
    expect(manifest).toMatch(/<Id>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}<\/Id>/);
    expect(attributesOf(manifest, "DisplayName")[0].DefaultValue).toBe("Key Account Manager");
    expect(manifest).toContain("<ProviderName>KAM Tools</ProviderName>");
    expect(attributesOf(manifest, "Host")[0]).toEqual({ Name: "Workbook" });
  });

  it("uses the shared runtime with the KAM namespace", () => {
    expect(attributesOf(manifest, "Set")).toContainEqual({ Name: "SharedRuntime", MinVersion: "1.1" });
    const runtimes = attributesOf(manifest, "Runtime");
    expect(runtimes).toEqual([{ resid: "Taskpane.Url", lifetime: "long" }]);

    const customFunctions = section(manifest, "AllFormFactors");
    const namespaceId = attributesOf(customFunctions, "Namespace")[0].resid;
    expect(resources.shortStrings.get(namespaceId)).toBe("KAM");
    const resid = (element: string) => attributesOf(section(customFunctions, element), "SourceLocation")[0].resid;
    expect(resources.urls.get(resid("Script"))).toBe(`${BASE_URL}functions.js`);
    expect(resources.urls.get(resid("Metadata"))).toBe(`${BASE_URL}functions.json`);
    // The custom functions' page, the runtime, the function file and the task pane are one page.
    expect(resid("Page")).toBe("Taskpane.Url");
    expect(attributesOf(manifest, "FunctionFile")[0].resid).toBe("Taskpane.Url");
    const action = section(manifest, "Action");
    expect(attributesOf(action, "SourceLocation")[0].resid).toBe("Taskpane.Url");
    expect(resources.urls.get("Taskpane.Url")).toBe(`${BASE_URL}taskpane.html`);
  });

  it("puts the Key Account Wizard button in a Key Accounts group on the Home tab", () => {
    expect(attributesOf(manifest, "OfficeTab")[0].id).toBe("TabHome");
    const group = section(manifest, "Group");
    expect(resources.shortStrings.get(attributesOf(group, "Label")[0].resid)).toBe("Key Accounts");
    const control = section(group, "Control");
    expect(resources.shortStrings.get(attributesOf(control, "Label")[0].resid)).toBe("Key Account Wizard");
    expect(control).toMatch(/<Action xsi:type="ShowTaskpane">/);
  });

  it("defines every resource id it references, of the right kind", () => {
    const kinds: Record<string, Map<string, string>> = {
      "bt:Image": resources.images,
      SourceLocation: resources.urls,
      LearnMoreUrl: resources.urls,
      FunctionFile: resources.urls,
      Runtime: resources.urls,
      Label: resources.shortStrings,
      Title: resources.shortStrings,
      Namespace: resources.shortStrings,
      Description: resources.longStrings,
    };
    const referenced = [...manifest.matchAll(/<([\w:]+)\b[^>]*\bresid="([^"]*)"/g)];
    expect(referenced.length).toBeGreaterThan(15);
    for (const [, tag, id] of referenced) {
      expect(kinds[tag], `<${tag} resid>`).toBeDefined();
      expect(kinds[tag].has(id), `<${tag} resid="${id}"> is defined`).toBe(true);
    }
    // Ids are unique across all resources.
    const all = [...resources.images.keys(), ...resources.urls.keys(), ...resources.shortStrings.keys(), ...resources.longStrings.keys()];
    expect(new Set(all).size).toBe(all.length);
    for (const s of resources.shortStrings.values()) expect(s.length).toBeLessThanOrEqual(125);
    for (const s of resources.longStrings.values()) expect(s.length).toBeLessThanOrEqual(250);
  });

  it("only points at files the build produces", async () => {
    const { files } = await buildOutputs();
    for (const f of ["functions.js", "functions.json", "taskpane.html", "taskpane.js", "help.html", "manifest.xml"]) expect(files).toContain(f);

    const urls = [...manifest.matchAll(/"(https:\/\/[^"]*)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(8);
    for (const url of urls) {
      expect(url.startsWith(BASE_URL), url).toBe(true);
      const file = url.slice(BASE_URL.length).replace(/[?#].*$/, "");
      expect(files, url).toContain(file);
      if (file.startsWith("assets/")) expect(existsSync(join(ROOT, file)), file).toBe(true);
    }
    for (const size of [16, 32, 64, 80]) expect(urls).toContain(`${BASE_URL}assets/icon-${size}.png`);
    expect(attributesOf(manifest, "SupportUrl")[0].DefaultValue).toBe(`${BASE_URL}help.html`);
  });

  it("icons are PNGs of the size their names say", () => {
    for (const size of [16, 32, 64, 80, 128]) {
      const png = readFileSync(join(ROOT, `assets/icon-${size}.png`));
      expect(png.subarray(1, 4).toString("latin1")).toBe("PNG");
      expect([png.readUInt32BE(16), png.readUInt32BE(20)]).toEqual([size, size]);
    }
  });

  it("is written for a production host given by --env prodUrl, valid, with the help links following it", async () => {
    const prod = "https://kam.example.com/addin/";
    const plain = await webpackConfig();
    expect(plain.plugins.map((p: object) => p.constructor.name)).not.toContain("BaseUrlPlugin");
    const config = await webpackConfig({ prodUrl: "https://kam.example.com/addin" });
    const plugin = config.plugins.find((p: object) => p.constructor.name === "BaseUrlPlugin");
    expect(plugin.files).toEqual(["manifest.xml", "functions.json"]);

    const prodManifest: string = plugin.rewrite(manifest);
    const { valid, errors } = await validateManifestXml(prodManifest);
    expect(errors).toEqual([]);
    expect(valid).toBe(true);
    expect(prodManifest).not.toContain("localhost");
    const urls = [...prodManifest.matchAll(/"(https:\/\/[^"]*)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThan(8);
    for (const url of urls) expect(url.startsWith(prod), url).toBe(true);
    expect(attributesOf(prodManifest, "SupportUrl")[0].DefaultValue).toBe(`${prod}help.html`);

    // functions.json: each function's help link (from the JSDoc @helpurl) moves with the host.
    const metadata = JSON.stringify({ functions: [{ id: "HHI", helpUrl: `${BASE_URL}help.html#hhi` }] });
    expect(JSON.parse(plugin.rewrite(metadata)).functions[0].helpUrl).toBe(`${prod}help.html#hhi`);
  });

  it("takes the production URL from KAM_PROD_URL too, and refuses one Office cannot load", () => {
    expect(productionUrl({}, {})).toBeUndefined();
    expect(productionUrl({}, { KAM_PROD_URL: "https://addins.example.org" })).toBe("https://addins.example.org/");
    expect(productionUrl({ prodUrl: "https://a.example/" }, { KAM_PROD_URL: "https://b.example/" })).toBe("https://a.example/");
    expect(() => productionUrl({ prodUrl: "http://kam.example.com/" })).toThrow(/must use https/);
    expect(() => productionUrl({ prodUrl: "kam.example.com" })).toThrow(/is not a URL/);
    expect(() => productionUrl({ prodUrl: "https://kam.example.com/?v=1" })).toThrow(/query or fragment/);
  });

  it("reads no certificates when building", async () => {
    const { serverOptions } = await buildOutputs();
    expect(serverOptions).toBeUndefined();
  });
});
