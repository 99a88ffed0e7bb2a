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
  [Provider.BITBUCKET]: both,
  [Provider.TRELLO]: both,
  [Provider.AZURE_DEVOPS]: both,
  [Provider.YOUTRACK]: both,
  [Provider.ASANA]: both,
  [Provider.CLICKUP]: both,
  [Provider.OTHER]: [],
};

/**
 * Whether a native adapter exists that can deliver this source type to this provider. Every named tracker takes both
 * REPORT_ISSUE and FIX_TASK; OTHER takes none (portable files only).
 */
export function supportsNativeExport(provider: Provider, sourceType: SourceType): boolean {
  return nativeAdapters[provider].includes(sourceType);
}
