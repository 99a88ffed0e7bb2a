import { existsSync, mkdirSync } from "node:fs";
import { chromium, type Browser, type BrowserContext, type Page } from "playwright-core";

/** Debian's chromium package; CHROMIUM_PATH overrides it. `.ci/run` installs it when missing. */
export const CHROMIUM = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";

const ARTIFACTS = new URL("../artifacts/", import.meta.url);

/** One headless Chromium for a test file. */
export function launchBrowser(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(`No Chromium at ${CHROMIUM}: install Debian's chromium package (apt-get install chromium) or set CHROMIUM_PATH.`);
  }
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
      "--no-first-run",
    ],
  });
}

/**
 * Runs in the page before its own scripts: records layout shifts that no input caused, and reports CSP violations to
 * the console, where `problems` collects them. (A string: this project's TypeScript has no DOM types outside console/.)
 */
const WATCH = `
  window.__layoutShifts = [];
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      if (entry.hadRecentInput) continue;
      const moved = entry.sources.map((source) => {
        const node = source.node;
        const element = node && node.nodeType === 1 ? node : node && node.parentElement;
        const name = element ? element.tagName.toLowerCase() + (element.className ? "." + String(element.className).split(" ").join(".") : "") : "?";
        return name + " " + JSON.stringify(source.previousRect) + " -> " + JSON.stringify(source.currentRect);
      });
      window.__layoutShifts.push({ value: entry.value, moved });
    }
  }).observe({ type: "layout-shift", buffered: true });
  document.addEventListener("securitypolicyviolation", (event) => {
    console.error("CSP violation: " + event.violatedDirective + " " + event.blockedURI);
  });
`;
export const DESKTOP = { width: 1280, height: 900 };
export const PHONE = { width: 390, height: 844 };

export interface LayoutShift {
  value: number;
  /** Each moved element as `tag.class {previous rect} -> {current rect}`. */
  moved: string[];
}

export interface ConsolePage {
  context: BrowserContext;
  page: Page;
  /** Console errors, page errors and CSP violations seen so far: a working console shows none. */
  problems: string[];
  /** Writes test/artifacts/<name>.png of the whole page. */
  screenshot(name: string): Promise<void>;
  /** Layout shifts no input caused since the page loaded, with what moved: none means nothing moved on its own. */
  layoutShifts(): Promise<LayoutShift[]>;
}

/** A fresh context (its own session storage) with one page, watching for errors and layout shifts. */
export async function openConsole(browser: Browser, viewport = DESKTOP): Promise<ConsolePage> {
  const context = await browser.newContext({ viewport, acceptDownloads: true });
  const page = await context.newPage();
  const problems: string[] = [];
  page.on("console", (message) => {
    if (message.type() === "error") problems.push(`console: ${message.text()}`);
  });
  page.on("pageerror", (error) => problems.push(`page: ${error.message}`));
  await page.addInitScript({ content: WATCH });
  mkdirSync(ARTIFACTS, { recursive: true });
  return {
    context,
    page,
    problems,
    screenshot: async (name) => {
      await page.screenshot({ path: new URL(`${name}.png`, ARTIFACTS).pathname, fullPage: true });
    },
    layoutShifts: () => page.evaluate<LayoutShift[]>("window.__layoutShifts"),
  };
}

/** Signs in through the form, as a person pasting a token does, and waits for the reports list. */
export async function signIn(page: Page, baseUrl: string, token: string, path = "/"): Promise<void> {
  await page.goto(`${baseUrl}${path}`);
  await page.getByLabel("API token").fill(token);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.getByRole("button", { name: "Sign out" }).waitFor();
}
