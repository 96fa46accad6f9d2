// The ids of the Sources page's cards, shared with the links that open them (dashboard strip).
export const sourceAnchor = (code: string) => `source-${code}`;
export const senderAnchor = (source: string) => `sender-${source}`;
