import { Provider, SourceType } from "./vocabulary.js";

const both: readonly SourceType[] = [SourceType.REPORT_ISSUE, SourceType.FIX_TASK];

/**
 * The source types each provider has a native adapter for. A Record over every provider, so that a provider added
 * to the vocabulary fails to compile until someone decides whether it has an adapter.
 */
const nativeAdapters: Readonly<Record<Provider, readonly SourceType[]>> = {
  [Provider.JIRA]: both,
  [Provider.GITHUB]: both,
  [Provider.GITLAB]: both,
  [Provider.LINEAR]: both,
  [Provider.BITBUCKET]: [],
  [Provider.TRELLO]: [],
  [Provider.AZURE_DEVOPS]: [],
  [Provider.YOUTRACK]: [],
  [Provider.ASANA]: [],
  [Provider.CLICKUP]: [],
  [Provider.OTHER]: [],
};

/**
 * Whether a native adapter exists that can deliver this source type to this provider. JIRA, GITHUB, GITLAB and
 * LINEAR take both REPORT_ISSUE and FIX_TASK; every other provider takes none yet (portable files only).
 */
export function supportsNativeExport(provider: Provider, sourceType: SourceType): boolean {
  return nativeAdapters[provider].includes(sourceType);
}
