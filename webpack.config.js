/*
 * Builds the add-in into dist/ (shared runtime: the custom functions and the task pane
 * run in one page, taskpane.html, which loads both bundles):
 *
 *   functions.js    custom functions (src/functions/functions.ts)
 *   functions.json  their metadata, generated from the JSDoc by custom-functions-metadata-plugin,
 *                   which also appends the CustomFunctions.associate(id, fn) calls to the source
 *   taskpane.js     task pane code (src/taskpane/taskpane.ts)
 *   taskpane.css    the CSS that taskpane.ts imports (webpack's built-in CSS support)
 *   taskpane.html   loads office.js, functions.js, taskpane.js and taskpane.css
 *   help.html       the function help page (src/help/help.html), no scripts
 *   assets/*.png    icons, and manifest.xml
 *
 * `webpack serve` (npm run dev-server, npm start) serves the same over https on
 * https://localhost:3000 (or $npm_package_config_dev_server_port) with the development
 * certificates from office-addin-dev-certs; building and testing never need them.
 *
 * Production host: `npm run build -- --env prodUrl=https://host/path/` (or KAM_PROD_URL set in
 * the environment) writes manifest.xml and functions.json (the functions' help links) for that
 * base URL instead of https://localhost:3000/, as the official template's urlDev/urlProd do.
 */
const { execFile } = require("node:child_process");
const path = require("node:path");
const CopyWebpackPlugin = require("copy-webpack-plugin");
const CustomFunctionsMetadataPlugin = require("custom-functions-metadata-plugin");
const HtmlWebpackPlugin = require("html-webpack-plugin");
const { Compilation, sources } = require("webpack");
const { DEV_URL, productionUrl, withBaseUrl } = require("./scripts/addin-urls.cjs");

/** Rewrites the development base URL to `baseUrl` in the emitted files that name it. */
class BaseUrlPlugin {
  constructor(baseUrl, files = ["manifest.xml", "functions.json"]) {
    this.baseUrl = baseUrl;
    this.files = files;
  }
  /** The text of `file` for the production host. */
  rewrite(text) {
    return withBaseUrl(text, this.baseUrl);
  }
  apply(compiler) {
    compiler.hooks.thisCompilation.tap("BaseUrlPlugin", (compilation) => {
      compilation.hooks.processAssets.tap({ name: "BaseUrlPlugin", stage: Compilation.PROCESS_ASSETS_STAGE_OPTIMIZE }, (assets) => {
        for (const file of this.files) {
          if (!assets[file]) throw new Error(`BaseUrlPlugin: ${file} was not emitted, so its URLs cannot be set for ${this.baseUrl}`);
          compilation.updateAsset(file, new sources.RawSource(this.rewrite(assets[file].source().toString())));
        }
      });
    });
  }
}

/**
 * Writes step 1 of the wizard, pre-rendered, into taskpane.html (the marker inside #kam-app) and
 * its styles at the end of <head>, after taskpane.css as Griffel would have inserted them: the
 * step shows as soon as the page is parsed, and taskpane.js hydrates it. The markup comes from
 * src/taskpane/wizard/prerender.tsx, run in a fresh Node process (tsx) for every build.
 */
class PrerenderPanePlugin {
  static MARKER = "<!--kam:prerendered-app-->";
  constructor(file = "taskpane.html") {
    this.file = file;
  }
  prerender() {
    return new Promise((resolve, reject) => {
      execFile(process.execPath, [require.resolve("tsx/cli"), path.join(__dirname, "scripts/prerender-pane.ts")], { cwd: __dirname, env: { ...process.env, NODE_ENV: "production" }, maxBuffer: 16 << 20 }, (error, stdout, stderr) =>
        error ? reject(new Error(`PrerenderPanePlugin: ${stderr || error.message}`)) : resolve(JSON.parse(stdout)),
      );
    });
  }
  apply(compiler) {
    compiler.hooks.compilation.tap("PrerenderPanePlugin", (compilation) => {
      const hooks = HtmlWebpackPlugin.getHooks(compilation);
      // taskpane.js runs after the first frame: fetched at once (preload), started only once the
      // pre-rendered step has been drawn, so that its half second of evaluation and hydration
      // (4× throttling) can never hold the step's first paint. functions.js stays a plain
      // deferred script, registering the custom functions as early as before.
      hooks.alterAssetTagGroups.tap("PrerenderPanePlugin", (data) => {
        if (data.outputName !== this.file) return data;
        const i = data.headTags.findIndex((t) => t.tagName === "script" && /(^|\/)taskpane\.js$/.test(String(t.attributes.src)));
        if (i < 0) throw new Error(`PrerenderPanePlugin: no taskpane.js script in ${this.file}`);
        const src = String(data.headTags[i].attributes.src);
        data.headTags[i] = HtmlWebpackPlugin.createHtmlTagObject("link", { rel: "preload", as: "script", href: src });
        data.bodyTags.push(HtmlWebpackPlugin.createHtmlTagObject("script", {}, afterFirstFrame(src)));
        return data;
      });
      hooks.beforeEmit.tapPromise("PrerenderPanePlugin", async (data) => {
        if (data.outputName !== this.file) return data;
        if (!data.html.includes(PrerenderPanePlugin.MARKER)) throw new Error(`PrerenderPanePlugin: ${this.file} has no ${PrerenderPanePlugin.MARKER}`);
        const { head, app } = await this.prerender();
        data.html = data.html.replace(PrerenderPanePlugin.MARKER, () => app).replace("</head>", () => `${head}</head>`);
        return data;
      });
    });
  }
}

/**
 * An inline script that adds `src` as a script after DOMContentLoaded (so after the deferred
 * functions.js, as before) once the page has drawn a frame (after the next animation frame), at
 * once in a hidden page (which draws none), and after 2 s at the latest.
 */
function afterFirstFrame(src) {
  return `(function(){var done=0;function go(){if(done)return;done=1;var s=document.createElement("script");s.src=${JSON.stringify(src)};document.head.appendChild(s);}` +
    `function arm(){if(document.visibilityState==="hidden"||typeof requestAnimationFrame!=="function")go();else{requestAnimationFrame(function(){setTimeout(go,0);});setTimeout(go,2000);}}` +
    `if(document.readyState==="loading")document.addEventListener("DOMContentLoaded",arm);else arm();})();`;
}

const FUNCTIONS_SOURCE = "./src/functions/functions.ts";

module.exports = async (env = {}, argv = {}) => {
  const serving = Boolean(env.WEBPACK_SERVE);
  // Only a production build is written for the production host; the dev server keeps localhost.
  const prodUrl = !serving && argv.mode === "production" ? productionUrl(env) : undefined;

  const config = {
    devtool: "source-map",
    entry: {
      functions: FUNCTIONS_SOURCE,
      taskpane: "./src/taskpane/taskpane.ts",
    },
    output: {
      path: path.resolve(__dirname, "dist"),
      filename: "[name].js",
      clean: true,
    },
    resolve: {
      extensions: [".ts", ".tsx", ".js"],
    },
    module: {
      rules: [
        {
          test: /\.tsx?$/,
          exclude: /node_modules/,
          use: {
            loader: "ts-loader",
            // tsconfig.json has noEmit (it also type-checks tests and scripts); webpack needs output.
            options: { onlyCompileBundledFiles: true, compilerOptions: { noEmit: false } },
          },
        },
      ],
    },
    plugins: [
      new CustomFunctionsMetadataPlugin({
        input: FUNCTIONS_SOURCE,
        output: "functions.json",
      }),
      new HtmlWebpackPlugin({
        filename: "taskpane.html",
        template: "./src/taskpane/taskpane.html",
        // Shared runtime: the functions live in the task pane's page, and register first.
        chunks: ["functions", "taskpane"],
        chunksSortMode: "manual",
        // Not minified: the pre-rendered markup is written as React wrote it (its comments
        // separate text nodes that hydration must find), and is compact already.
        minify: false,
        // Written on every build: the pre-rendered step follows the wizard's sources.
        cache: false,
      }),
      new PrerenderPanePlugin("taskpane.html"),
      new HtmlWebpackPlugin({
        filename: "help.html",
        template: "./src/help/help.html",
        chunks: [],
        // A static document: served as written (readable source, stable anchors).
        minify: false,
      }),
      new CopyWebpackPlugin({
        patterns: [
          { from: "assets/*.png", to: "assets/[name][ext]" },
          { from: "manifest.xml", to: "manifest.xml" },
        ],
      }),
      ...(prodUrl && prodUrl !== DEV_URL ? [new BaseUrlPlugin(prodUrl)] : []),
    ],
    optimization: {
      // webpack minifies emitted .html itself; taskpane.html is already minified by
      // HtmlWebpackPlugin, and help.html is served as written.
      minimizeOptions: { html: false },
    },
    performance: { hints: false },
    devServer: {
      headers: { "Access-Control-Allow-Origin": "*" },
      static: false,
      port: Number(process.env.npm_package_config_dev_server_port) || 3000,
      server: {
        type: "https",
        // Only `webpack serve` reads certificates; `webpack` (build) and the tests never do.
        // start.mjs has just checked them and sets KAM_DEV_CERTS_CHECKED.
        options: serving
          ? await require("./scripts/dev-certs.cjs").httpsServerOptions({ reuseOnly: process.env.KAM_DEV_CERTS_CHECKED === "1" })
          : undefined,
      },
    },
  };

  return config;
};
