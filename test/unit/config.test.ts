import { describe, expect, it } from "vitest";
import { loadConfig } from "../../src/config.js";

describe("loadConfig", () => {
  it.each(["constructor", "toString", "hybrid"])("refuses the deployment mode %j with the modes it takes", (mode) => {
    expect(() => loadConfig({ DEPLOYMENT_MODE: mode })).toThrow('DEPLOYMENT_MODE must be "cloud" or "self-hosted"');
  });

  it("takes self-hosted", () => {
    expect(loadConfig({ DEPLOYMENT_MODE: "self-hosted" }).deploymentMode).toBe("self-hosted");
  });
});
